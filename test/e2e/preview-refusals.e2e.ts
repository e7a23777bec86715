import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { createDirectProvider, PLAN_HEADER } from "../../src/market";
import type { Env } from "../../src/market";
import { fixtureText } from "../support/recordings";
import { ReplayServer, ScriptedResponse, startReplayServer } from "../support/replay-server";
import { withService } from "../support/services";
import { seriousAxeViolations } from "./support/axe";
import { messageOf, seedBaskets } from "./support/pane";
import { RESULTS_DIR, usePreviewSession } from "./support/preview-session";

/**
 * The limits that serve the analyst, in the preview against the real server: a Tiingo replayed on
 * loopback (a keyed provider, the team's key on the server), whose plan or whose own 429 refuses
 * some cells. Refused cells say when they can be recalculated, the status shows them as a queue
 * counting down, and "Retry now" recalculates only the tables holding them.
 */

const TIINGO_PRICES = /^\/tiingo\/daily\/([^/]+)\/prices$/;
const TEAM_KEY = "feed".padStart(40, "0");
const ANALYST_KEY = "abc".padStart(40, "1");
const PRICES: ScriptedResponse = {
  status: 200,
  headers: { "content-type": "application/json" },
  body: fixtureText("tiingo/riingo_tiingo_daily_AAPL_prices-4eb987.json"),
};

/** Tiingo on loopback: recorded prices for every ticker, and a 429 with Retry-After for the first request of `throttled`. */
async function tiingoUpstream(throttled: { ticker: string; retryAfterSeconds: number } | null = null): Promise<ReplayServer> {
  let throttledOnce = false;
  return startReplayServer([
    {
      path: TIINGO_PRICES,
      respond: (request) => {
        const ticker = TIINGO_PRICES.exec(request.path)?.[1];
        if (throttled !== null && ticker === throttled.ticker && !throttledOnce) {
          throttledOnce = true;
          return {
            status: 429,
            headers: { "content-type": "text/plain", "retry-after": String(throttled.retryAfterSeconds) },
            body: "Too Many Requests",
          };
        }
        return PRICES;
      },
    },
  ]);
}

async function useTiingo(page: Page, key: string | null = null): Promise<void> {
  await page.evaluate((apiKey) => {
    window.localStorage.setItem("rotation-desk.provider", "tiingo");
    if (apiKey !== null) window.localStorage.setItem("rotation-desk.api-key.tiingo", apiKey);
  }, key);
}

async function insertSectorTable(page: Page, basket: string, benchmark: string): Promise<void> {
  await page.getByRole("tab", { name: "Tables" }).click();
  const form = page.getByRole("form", { name: "Sector table" });
  await form.getByRole("combobox", { name: "Basket" }).selectOption(basket);
  await form.getByRole("textbox", { name: "Benchmark ticker" }).fill(benchmark);
  await form.getByRole("radio", { name: "On a new sheet" }).check();
  await form.getByRole("button", { name: "Insert sector table" }).click();
  await form.getByText(/Table inserted|The table was not inserted/).waitFor({ timeout: 30_000 });
}

function cell(page: Page, ticker: string, metric: string) {
  return page.locator(`#preview-sheet tr[data-ticker="${ticker}"] td[data-metric="${metric}"]`).first();
}

/** "14:32", "02:32 PM", with seconds or a day in front: a local time as the browser writes it. */
const LOCAL_TIME = String.raw`(?:tomorrow |\w{3} )?\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?`;

withService("chromium").describe("the preview page: cells refused by the plan's limits (Tiingo at 2 requests an hour)", () => {
  let tiingo: ReplayServer;
  // Before the session's own beforeAll, which builds the server over it.
  beforeAll(async () => {
    tiingo = await tiingoUpstream();
  });
  afterAll(async () => tiingo?.close());
  const session = usePreviewSession(() => ({
    env: { MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY, MKT_TIINGO_PER_HOUR: "2" } as Env,
  }));

  it("refused cells say when they can be recalculated; the status queues them, counting down; Retry now asks again", async () => {
    const page = await session.open();
    await useTiingo(page);
    await seedBaskets(page, [{ name: "Trio", label: "Three tickers", tickers: ["AAA", "BBB", "CCC"] }]);
    await insertSectorTable(page, "Trio", "SPY");

    // Two requests an hour: two of the four tickers were served, the others refused with the time they can be.
    const refusedTickers: string[] = [];
    for (const ticker of ["AAA", "BBB", "CCC"]) {
      const title = (await cell(page, ticker, "price").getAttribute("title")) ?? "";
      if (title.includes("recalculate after")) refusedTickers.push(ticker);
    }
    expect(refusedTickers.length).toBeGreaterThanOrEqual(1);
    const title = await cell(page, refusedTickers[0], "price").getAttribute("title");
    expect(await cell(page, refusedTickers[0], "price").textContent()).toBe("#N/A");
    expect(title).toMatch(
      new RegExp(`^Tiingo allows 2 requests an hour on the configured plan; recalculate after ${LOCAL_TIME} \\(in 6[01] min\\)$`),
    );
    expect(title).not.toContain("try again in");

    const summary = page.getByTestId("refused-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/^\d+ cells refused by the plan's limits$/);
    const when = page.getByTestId("refused-when");
    expect(await when.textContent()).toMatch(new RegExp(`can be recalculated after ${LOCAL_TIME} \\(in 6[01] min\\)`));
    expect(await seriousAxeViolations(page)).toEqual([]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page
      .locator("#status-heading")
      .locator("xpath=..")
      .screenshot({ path: path.join(RESULTS_DIR, "refused-queue.png") });

    // Before the hour is over the server still refuses them, from its memory, without asking Tiingo.
    const upstreamBefore = tiingo.requests.length;
    const batches: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/batch/tiingo")) batches.push(request.postData() ?? "");
    });
    await page.getByRole("button", { name: "Retry now" }).click();
    const outcome = page.getByTestId("retry-outcome");
    await outcome.waitFor({ timeout: 30_000 });
    expect(await outcome.textContent()).toMatch(/^Recalculated \d+ cells?: \d+ computed, \d+ still shows? errors\.$/);
    // Only the table holding refused cells was computed again, and its request reached the server.
    expect(batches.length).toBeGreaterThan(0);
    expect(tiingo.requests.length).toBe(upstreamBefore);
    expect(await summary.textContent()).toMatch(/^\d+ cells? refused by the plan's limits$/);
  });
});

withService("chromium").describe("the preview page: Retry now after Tiingo's own Retry-After", () => {
  let tiingo: ReplayServer;
  beforeAll(async () => {
    tiingo = await tiingoUpstream({ ticker: "LATE", retryAfterSeconds: 4 });
  });
  afterAll(async () => tiingo?.close());
  // The server's own providers and limits; a 3 s budget per call (20 s normally) keeps the test short.
  const session = usePreviewSession(() => {
    const env = { MKT_TIINGO_URL: tiingo.url, MKT_TIINGO_KEY: TEAM_KEY } as Env;
    return { env, createProvider: (name, apiKey) => createDirectProvider(name, env, apiKey, {}, { budgetMs: 3_000 }) };
  });

  it("cells refused for 4 s compute on Retry now once the time has come, and leave the queue", async () => {
    const page = await session.open();
    await useTiingo(page);
    await seedBaskets(page, [{ name: "Late", label: "Late tickers", tickers: ["LATE", "AAA"] }]);
    await insertSectorTable(page, "Late", "SPY");

    const late = cell(page, "LATE", "price");
    expect(await late.textContent()).toBe("#N/A");
    expect(await late.getAttribute("title")).toMatch(
      new RegExp(
        `^Tiingo is rate-limiting requests \\(it asked to wait before the next one\\); recalculate after ${LOCAL_TIME} \\(in [1-4] s\\)$`,
      ),
    );
    await page.getByTestId("refused-summary").waitFor();
    // The countdown reaches the time the cells can be recalculated.
    await page
      .getByTestId("refused-when")
      .filter({ hasText: /can be recalculated now/ })
      .waitFor({ timeout: 10_000 });

    await page.getByRole("button", { name: "Retry now" }).click();
    await page.getByTestId("retry-outcome").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("refused-summary").count()).toBe(0);
    expect(await late.textContent()).not.toBe("#N/A");
    expect(Number(await late.getAttribute("data-value"))).toBeGreaterThan(0);
    expect(await page.locator("#preview-sheet td[title*='recalculate after']").count()).toBe(0);
    await page
      .locator("#status-heading")
      .locator("xpath=..")
      .screenshot({ path: path.join(RESULTS_DIR, "refused-queue-retried.png") });
  });
});

withService("chromium").describe("the preview page: the plan of the analyst's own key", () => {
  let tiingo: ReplayServer;
  beforeAll(async () => {
    tiingo = await tiingoUpstream();
  });
  afterAll(async () => tiingo?.close());
  const session = usePreviewSession(() => ({ env: { MKT_TIINGO_URL: tiingo.url } as Env }));

  it("offers the provider's tiers next to the key, keeps the choice in browser storage and sends it with the key", async () => {
    const page = await session.open();
    await page.getByRole("tab", { name: "Settings" }).click();
    // Yahoo takes no key of its own plan: no plan field.
    expect(await page.getByRole("combobox", { name: "Plan of your key" }).count()).toBe(0);
    await page.getByRole("combobox", { name: "Data provider" }).selectOption("tiingo");
    const plan = page.getByRole("combobox", { name: "Plan of your key" });
    expect(await plan.inputValue()).toBe("free");
    expect(await plan.locator("option").allTextContents()).toEqual([
      "free — 50 an hour, 1,000 a day, 1 at a time",
      "power — 5,000 an hour, 4 at a time",
    ]);
    await page.getByLabel("API key").fill(ANALYST_KEY);
    await plan.selectOption("power");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved").waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem("rotation-desk.plan.tiingo"))).toBe("power");
    expect(await seriousAxeViolations(page)).toEqual([]);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await page.getByRole("form", { name: "Data settings" }).screenshot({ path: path.join(RESULTS_DIR, "settings-plan.png") });

    const sent: Record<string, string>[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/batch/tiingo")) sent.push(request.headers());
    });
    await seedBaskets(page, [{ name: "Solo", label: "One ticker", tickers: ["AAA"] }]);
    await insertSectorTable(page, "Solo", "SPY");
    expect(sent.length).toBeGreaterThan(0);
    expect(sent[0]).toMatchObject({ "x-mkt-api-key": ANALYST_KEY, [PLAN_HEADER]: "power" });
    expect(await cell(page, "AAA", "price").textContent()).not.toBe("#N/A");
  });

  it("fits the narrowest pane (320 px): long tier descriptions are cut, never widen the form", async () => {
    const page = await session.open({ viewport: { width: 320, height: 900 } });
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("combobox", { name: "Data provider" }).selectOption("alphavantage");
    await page.getByRole("combobox", { name: "Plan of your key" }).selectOption("premium-1200");
    const sticking = await page.evaluate(() => {
      const form = document.querySelector("form[aria-labelledby='settings-heading']")!;
      const box = form.getBoundingClientRect();
      return [...form.querySelectorAll("*")]
        .filter((element) => {
          const rect = element.getBoundingClientRect();
          return rect.width > 0 && (rect.right > box.right + 0.5 || rect.left < box.left - 0.5);
        })
        .map((element) => `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}"`);
    });
    expect(sticking).toEqual([]);
    await page.getByRole("form", { name: "Data settings" }).screenshot({ path: path.join(RESULTS_DIR, "settings-plan-320.png") });
  });

  it("shows the data server's refusal of a plan next to the plan field after Test connection", async () => {
    const page = await session.open({
      // A plan this server does not know (an add-in newer than its server): the real server answers 400.
      beforeGoto: (p) =>
        p.route("**/api/history/tiingo/**", (route) =>
          route.continue({ headers: { ...route.request().headers(), [PLAN_HEADER]: "gold" } }),
        ),
    });
    await useTiingo(page, ANALYST_KEY);
    await page.reload();
    await page.getByRole("tab", { name: "Settings" }).click();
    await page.getByRole("button", { name: "Test connection" }).click();
    const result = page.getByRole("alert").filter({ hasText: "Plan: failed" });
    await result.waitFor();
    const plan = page.getByRole("combobox", { name: "Plan of your key" });
    expect(await messageOf(plan)).toBe(
      'The data server refused the plan: The x-mkt-plan header must name a Tiingo plan (free, power), not "gold"',
    );
    expect(await result.textContent()).toContain("The reason is shown under “Plan of your key”.");
  });
});
