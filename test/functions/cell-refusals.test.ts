import fs from "node:fs";
import path from "node:path";
import { clearRefusedCells, refusalMark, refusalsSince, refusedCells, useHistorySource } from "../../src/addin";
import { evaluateFormula } from "../../src/functions/catalog";
import { describeRetryTime, recalculateAfterText, stopAddinCells, useAddinCells } from "../../src/functions/cell-refusals";
import { DailySeries, MarketDataError, Ticker } from "../../src/market";
import { makeSeries } from "../support/series-builder";

/** 2026-12-01 14:30:40 in London (UTC in winter). */
const NOW = Date.UTC(2026, 11, 1, 14, 30, 40);
const LONDON = { locale: "en-GB", timeZone: "Europe/London" };
const HOUR_REFUSAL = "Tiingo allows 50 requests an hour on the free plan; try again in 61 min";

describe("when a refused cell can be recalculated, in local time", () => {
  it("to the minute, rounded up, for waits of two minutes or more", () => {
    expect(describeRetryTime(NOW + 61 * 60_000, NOW, LONDON)).toBe("15:32");
    expect(describeRetryTime(NOW + 120_000, NOW, LONDON)).toBe("14:33");
  });

  it("to the second for shorter waits", () => {
    expect(describeRetryTime(NOW + 24_000, NOW, LONDON)).toBe("14:31:04");
    expect(describeRetryTime(NOW + 24_400, NOW, LONDON)).toBe("14:31:05");
  });

  it("names the day when it is not today", () => {
    expect(describeRetryTime(Date.UTC(2026, 11, 2, 0, 0, 0), NOW, LONDON)).toBe("tomorrow 00:00");
    expect(describeRetryTime(Date.UTC(2026, 11, 4, 9, 0, 0), NOW, LONDON)).toBe("Fri 09:00");
    // Midnight UTC is 01:00 in Paris, still today there only when it is before midnight in Paris.
    expect(describeRetryTime(Date.UTC(2026, 11, 2, 0, 0, 0), NOW, { locale: "en-GB", timeZone: "Europe/Paris" })).toBe("tomorrow 01:00");
  });

  it("replaces the limits' 'try again in …' with the time and the wait, or adds them", () => {
    expect(recalculateAfterText(HOUR_REFUSAL, NOW + 3_660_000, NOW, LONDON)).toBe(
      "Tiingo allows 50 requests an hour on the free plan; recalculate after 15:32 (in 61 min)",
    );
    expect(
      recalculateAfterText("Yahoo is rate-limiting requests (HTTP 429) for IWM: try again in a minute", NOW + 17_000, NOW, LONDON),
    ).toBe("Yahoo is rate-limiting requests (HTTP 429) for IWM: recalculate after 14:30:57 (in 17 s)");
    expect(recalculateAfterText("The data server is rate-limiting requests (HTTP 429) for IWM.", NOW + 17_000, NOW, LONDON)).toBe(
      "The data server is rate-limiting requests (HTTP 429) for IWM; recalculate after 14:30:57 (in 17 s)",
    );
  });
});

describe("refused cells", () => {
  let answer: (ticker: Ticker) => Promise<DailySeries>;
  beforeAll(() => useHistorySource({ get: (ticker) => answer(ticker) }));
  beforeEach(() => {
    clearRefusedCells();
    useAddinCells({ now: () => NOW, ...LONDON });
  });
  afterEach(() => stopAddinCells());

  const refuse = (kind: "rate-limited" | "plan-limit", seconds: number | null, message = HOUR_REFUSAL) => {
    answer = async (ticker) => {
      throw new MarketDataError(kind, message, ticker, seconds);
    };
  };
  const serve = () => {
    answer = async (ticker) => ({
      ...makeSeries(
        ticker,
        Array.from({ length: 30 }, (_, i) => 100 + i),
      ),
      provider: "tiingo",
    });
  };

  it("in a cell: #N/A saying when to recalculate, recorded with its address until it computes", async () => {
    refuse("rate-limited", 3_660);
    const outcome = await evaluateFormula("PRICE", ["IWM"], { address: "Sheet1!B2" });
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        code: "#N/A",
        message: "Tiingo allows 50 requests an hour on the free plan; recalculate after 15:32 (in 61 min)",
        refusal: { kind: "rate-limited", retryAt: NOW + 3_660_000, known: true },
      },
    });
    expect(refusedCells()).toEqual([
      {
        address: "Sheet1!B2",
        kind: "rate-limited",
        retryAt: NOW + 3_660_000,
        message: "Tiingo allows 50 requests an hour on the free plan; recalculate after 15:32 (in 61 min)",
        sequence: expect.any(Number),
      },
    ]);
    serve();
    expect((await evaluateFormula("PRICE", ["IWM"], { address: "Sheet1!B2" })).ok).toBe(true);
    expect(refusedCells()).toEqual([]);
  });

  it("a used-up day is recorded until midnight; a plan that does not cover the request is not a refusal", async () => {
    refuse(
      "plan-limit",
      9 * 3600 + 29 * 60 + 20,
      "Tiingo allows 1,000 requests a day on the free plan and they are used up; try again in 10 h",
    );
    const day = await evaluateFormula("RSI", ["IWM"], { address: "Sheet1!C2" });
    expect(!day.ok && day.error.message).toBe(
      "Tiingo allows 1,000 requests a day on the free plan and they are used up; recalculate after tomorrow 00:00 (in 10 h)",
    );
    refuse("plan-limit", null, "Polygon.io: your plan does not include this data");
    const premium = await evaluateFormula("RSI", ["IWM"], { address: "Sheet1!C3" });
    expect(!premium.ok && premium.error.refusal).toBeNull();
    expect(refusedCells().map((cell) => cell.address)).toEqual(["Sheet1!C2"]);
  });

  it("a cell that fails for another reason leaves the queue too", async () => {
    refuse("rate-limited", 60);
    await evaluateFormula("SMA", ["IWM", 5], { address: "Sheet1!D2" });
    answer = async (ticker) => {
      throw new MarketDataError("unknown-symbol", `Tiingo does not know ${ticker}`, ticker);
    };
    const unknown = await evaluateFormula("SMA", ["IWM", 5], { address: "Sheet1!D2" });
    expect(!unknown.ok && unknown.error.code).toBe("#N/A");
    expect(refusedCells()).toEqual([]);
  });

  it("a rate limit that did not say when is recorded as retryable at once, its words kept", async () => {
    refuse(
      "rate-limited",
      null,
      "Too many requests are waiting for Tiingo (1 at a time on the free plan); gave up on IWM after 20 s, try again shortly",
    );
    const outcome = await evaluateFormula("PRICE", ["IWM"], { address: "Sheet1!E2" });
    expect(!outcome.ok && outcome.error.message).toMatch(/try again shortly$/);
    expect(refusedCells()).toMatchObject([{ address: "Sheet1!E2", retryAt: NOW }]);
  });

  it("in the preview (no address): recorded in order, for the table being computed", async () => {
    refuse("rate-limited", 3_660);
    const mark = refusalMark();
    await evaluateFormula("TOTAL_RETURN", ["IWM, QQQ", "1M"]);
    expect(refusalsSince(mark)).toMatchObject([{ address: null, retryAt: NOW + 3_660_000 }]);
    expect(refusedCells()).toEqual([]);
  });

  it("outside the add-in (the CLI): the market layer's words, nothing recorded", async () => {
    stopAddinCells();
    refuse("rate-limited", 3_660);
    const mark = refusalMark();
    const outcome = await evaluateFormula("PRICE", ["IWM"], { address: "Sheet1!B2" });
    expect(!outcome.ok && outcome.error.message).toBe(HOUR_REFUSAL);
    expect(refusalsSince(mark)).toEqual([]);
  });
});

describe("the functions' metadata", () => {
  const built = path.resolve(__dirname, "../../dist/functions.json");
  const metadata = fs.existsSync(built)
    ? (JSON.parse(fs.readFileSync(built, "utf8")) as {
        functions: {
          id: string;
          options?: { requiresAddress?: boolean; requiresStreamAddress?: boolean; stream?: boolean };
          parameters: { name: string }[];
        }[];
      })
    : null;
  (metadata === null ? it.skip : it)("asks Excel for every function's cell address, without an extra parameter", () => {
    for (const fn of metadata!.functions) {
      // Streaming functions (QUOTE) get theirs as requiresStreamAddress, the metadata generator's name for @requiresAddress there.
      const asked = fn.options?.stream === true ? fn.options?.requiresStreamAddress : fn.options?.requiresAddress;
      expect([fn.id, asked]).toEqual([fn.id, true]);
      expect(fn.parameters.map((parameter) => parameter.name)).not.toContain("invocation");
    }
  });
});
