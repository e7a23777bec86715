import { planTiers, PROVIDER_SPECS } from "../../../src/market";
import {
  describeLimits,
  describeWindow,
  loosestLimits,
  planFromSettings,
  PlanSettingError,
  serverCeiling,
  windowAdjective,
} from "../../../src/market/resilience";

const ALPHAVANTAGE = PROVIDER_SPECS.alphavantage;
const TIINGO = PROVIDER_SPECS.tiingo;

describe("plan settings (MKT_<NAME>_PLAN, _PER_<UNIT>, _CONCURRENCY)", () => {
  it("is the free plan when nothing is set", () => {
    expect(planFromSettings("alphavantage", ALPHAVANTAGE, {})).toEqual({ tier: "free", limits: ALPHAVANTAGE.plans.tiers.free });
  });

  it("takes a documented tier by name, ignoring case and spaces; --plan over the variable", () => {
    expect(planFromSettings("tiingo", TIINGO, { MKT_TIINGO_PLAN: " Power " })).toEqual({ tier: "power", limits: TIINGO.plans.tiers.power });
    const option = { setting: "--plan", value: "free" };
    expect(planFromSettings("tiingo", TIINGO, { MKT_TIINGO_PLAN: "power" }, option).tier).toBe("free");
  });

  it("sets numbers on top of the plan, which then is the configured plan; none removes a window", () => {
    const choice = planFromSettings("alphavantage", ALPHAVANTAGE, {
      MKT_ALPHAVANTAGE_PLAN: "premium-75",
      MKT_ALPHAVANTAGE_PER_DAY: "5000",
      MKT_ALPHAVANTAGE_CONCURRENCY: "2",
    });
    expect(choice).toEqual({ tier: null, limits: { concurrency: 2, perMinute: 75, perDay: 5000 } });
    const noDay = planFromSettings("alphavantage", ALPHAVANTAGE, { MKT_ALPHAVANTAGE_PER_DAY: "none" });
    expect(noDay.limits).toEqual({ concurrency: 1, perSecond: 1, perMinute: 5 });
  });

  it.each([
    [{ MKT_TIINGO_PLAN: "gold" }, "MKT_TIINGO_PLAN", 'MKT_TIINGO_PLAN must be one of free or power for Tiingo, not "gold"'],
    [{ MKT_TIINGO_PER_MINUTE: "10" }, "MKT_TIINGO_PER_MINUTE", "use MKT_TIINGO_PER_HOUR or MKT_TIINGO_PER_DAY"],
    [
      { MKT_TIINGO_PER_HOUR: "1.5" },
      "MKT_TIINGO_PER_HOUR",
      'MKT_TIINGO_PER_HOUR must be a whole number of requests from 1 to 1,000,000,000, or none for no limit, not "1.5"',
    ],
    [{ MKT_TIINGO_CONCURRENCY: "none" }, "MKT_TIINGO_CONCURRENCY", "MKT_TIINGO_CONCURRENCY must be a whole number of requests at a time"],
  ])("names the setting that is wrong: %j", (env, setting, message) => {
    let error: unknown;
    try {
      planFromSettings("tiingo", TIINGO, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlanSettingError);
    expect((error as PlanSettingError).setting).toBe(setting);
    expect((error as PlanSettingError).message).toContain(message);
  });
});

describe("plan limits in words and ceilings", () => {
  it("speaks in the plan's own unit", () => {
    expect(describeWindow("minute", 5)).toBe("5 requests a minute");
    expect(describeWindow("hour", 50)).toBe("50 requests an hour");
    expect(describeWindow("second", 1)).toBe("1 request a second");
    expect(describeWindow("minute", 12_000)).toBe("12,000 requests a minute");
    expect(windowAdjective("hour", 50)).toBe("50-an-hour");
    expect(describeLimits({ concurrency: 1, perSecond: 1, perMinute: 5, perDay: 25 })).toBe(
      "1 a second, 5 a minute, 25 a day, 1 at a time",
    );
  });

  it("lists each provider's tiers with their limits for the add-in's settings", () => {
    expect(planTiers("tiingo")).toEqual([
      { name: "free", summary: "50 an hour, 1,000 a day, 1 at a time" },
      { name: "power", summary: "5,000 an hour, 4 at a time" },
    ]);
  });

  it("puts a server's ceiling at the loosest tier or team plan, without daily quotas (those are per key)", () => {
    expect(serverCeiling(ALPHAVANTAGE.plans, ALPHAVANTAGE.plans.tiers.free)).toEqual({ concurrency: 4, perMinute: 1200 });
    expect(serverCeiling(TIINGO.plans, { concurrency: 16, perHour: 20_000, perDay: 500_000 })).toEqual({
      concurrency: 16,
      perHour: 20_000,
    });
    // Polygon's paid tiers count no calls: no window ceiling.
    expect(serverCeiling(PROVIDER_SPECS.polygon.plans, PROVIDER_SPECS.polygon.plans.tiers.free)).toEqual({ concurrency: 8 });
    expect(loosestLimits([{ concurrency: 1, perMinute: 5 }, { concurrency: 2 }])).toEqual({ concurrency: 2 });
  });
});
