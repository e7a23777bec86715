import type { AddinSettings } from "../../../../src/addin";
import { PROBE_SYMBOL, testConnection } from "../../../../src/taskpane/features/settings/connection-test";

const yahoo: AddinSettings = { provider: "yahoo", apiKey: null, plan: "free", serverUrl: null };
const ORIGIN = "https://localhost:3000";

type Answer = { status: number; body: unknown } | Error;

/** A fetch that answers by path and records what was asked. */
function fakeFetch(answers: Record<string, Answer>) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = answers[new URL(url).pathname];
    if (answer === undefined) return new Response("not found", { status: 404 });
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json" } });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

const healthy = { status: 200, body: { ok: true, providers: ["yahoo", "demo"], stats: {} } };
const historyPath = `/api/history/yahoo/${PROBE_SYMBOL}`;

describe("Test connection", () => {
  it("passes when the health check and one history request through the relay work", async () => {
    const { fetch, calls } = fakeFetch({ "/api/health": healthy, [historyPath]: { status: 200, body: { days: [1, 2, 3] } } });
    const result = await testConnection(yahoo, { fetch, pageOrigin: ORIGIN });
    expect(result).toEqual({
      ok: true,
      step: "Provider",
      message: `Connected: Yahoo Finance sent 3 daily prices for SPY through ${ORIGIN}.`,
    });
    expect(calls.map((c) => c.url)).toEqual([`${ORIGIN}/api/health`, `${ORIGIN}${historyPath}`]);
  });

  it("names an unreachable server, with the certificate hint for https", async () => {
    const { fetch } = fakeFetch({ "/api/health": new TypeError("Failed to fetch") });
    const result = await testConnection({ ...yahoo, serverUrl: "https://data.example.com/" }, { fetch, pageOrigin: ORIGIN });
    expect(result.ok).toBe(false);
    expect(result.step).toBe("Data server");
    expect(result.message).toMatch(/Cannot reach the data server at https:\/\/data\.example\.com/);
    expect(result.message).toMatch(/certificate/);
  });

  it("says a plain http server cannot be used from the https pane", async () => {
    const { fetch } = fakeFetch({ "/api/health": new TypeError("Failed to fetch") });
    const result = await testConnection({ ...yahoo, serverUrl: "http://data.example.com" }, { fetch, pageOrigin: ORIGIN });
    expect(result.message).toMatch(/blocks plain http:\/\//);
  });

  it("says when the address answers but is not our server", async () => {
    const { fetch } = fakeFetch({});
    const result = await testConnection(yahoo, { fetch, pageOrigin: ORIGIN });
    expect(result).toMatchObject({
      ok: false,
      step: "Data server",
      message: expect.stringMatching(/HTTP 404 .* not a Rotation Desk data server/),
    });
  });

  it("says when the server does not relay the chosen provider", async () => {
    const { fetch } = fakeFetch({ "/api/health": { status: 200, body: { ok: true, providers: ["demo"] } } });
    const result = await testConnection(yahoo, { fetch, pageOrigin: ORIGIN });
    expect(result).toMatchObject({ ok: false, step: "Provider", message: "The data server does not relay Yahoo Finance; it relays demo." });
  });

  it("sends the analyst's key in the relay's header and reports a refused key", async () => {
    const { fetch, calls } = fakeFetch({
      "/api/health": healthy,
      [historyPath]: { status: 401, body: { error: "invalid-key", message: "Yahoo rejected the key" } },
    });
    const result = await testConnection({ ...yahoo, apiKey: "k-123" }, { fetch, pageOrigin: ORIGIN });
    expect(result).toEqual({ ok: false, step: "API key", message: "The API key was refused: Yahoo rejected the key", field: "apiKey" });
    expect(calls[1].headers["x-mkt-api-key"]).toBe("k-123");
    expect(calls[0].headers["x-mkt-api-key"]).toBeUndefined();
    // Yahoo takes no plan: none is sent.
    expect(calls[1].headers["x-mkt-plan"]).toBeUndefined();
  });

  describe("the plan of the analyst's key", () => {
    const tiingo: AddinSettings = { provider: "tiingo", apiKey: "k-123", plan: "power", serverUrl: null };
    const tiingoHealth = { status: 200, body: { ok: true, providers: ["tiingo"] } };
    const tiingoPath = `/api/history/tiingo/${PROBE_SYMBOL}`;

    it("goes with the key in x-mkt-plan, and not without a key (the team key keeps the server's plan)", async () => {
      const { fetch, calls } = fakeFetch({ "/api/health": tiingoHealth, [tiingoPath]: { status: 200, body: { days: [1] } } });
      expect((await testConnection(tiingo, { fetch, pageOrigin: ORIGIN })).ok).toBe(true);
      expect(calls[1].headers).toMatchObject({ "x-mkt-api-key": "k-123", "x-mkt-plan": "power" });
      await testConnection({ ...tiingo, apiKey: null }, { fetch, pageOrigin: ORIGIN });
      expect(calls[3].headers["x-mkt-plan"]).toBeUndefined();
    });

    it("a 400 for a plan the data server does not know is shown next to the plan", async () => {
      const message = 'The x-mkt-plan header must name a Tiingo plan (free, power), not "gold"';
      const { fetch } = fakeFetch({ "/api/health": tiingoHealth, [tiingoPath]: { status: 400, body: { error: "bad-request", message } } });
      const result = await testConnection({ ...tiingo, plan: "gold" }, { fetch, pageOrigin: ORIGIN });
      expect(result).toEqual({
        ok: false,
        step: "Plan",
        field: "plan",
        message: `The data server refused the plan: ${message}`,
      });
    });

    it("a refusal by the plan's limits is the plan's, with the server's words on when", async () => {
      const message = "Tiingo allows 50 requests an hour on the free plan; try again in 61 min";
      const { fetch } = fakeFetch({
        "/api/health": tiingoHealth,
        [tiingoPath]: { status: 429, body: { error: "rate-limited", message, retryAfterSeconds: 3660 } },
      });
      const result = await testConnection(tiingo, { fetch, pageOrigin: ORIGIN });
      expect(result).toEqual({
        ok: false,
        step: "Plan",
        field: "plan",
        message: `The request was refused by the plan's limits: ${message}`,
      });
      // With the team key the same refusal is the provider's: there is no plan field to show it at.
      const team = await testConnection({ ...tiingo, apiKey: null }, { fetch, pageOrigin: ORIGIN });
      expect(team).toMatchObject({ ok: false, step: "Provider" });
      expect(team.field).toBeUndefined();
    });
  });

  it("reports a timeout", async () => {
    const hang = (async (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" }))),
      )) as typeof globalThis.fetch;
    const result = await testConnection(yahoo, { fetch: hang, pageOrigin: ORIGIN, timeoutMs: 20 });
    expect(result.message).toMatch(/did not answer within 0.02 s/);
  });

  it("needs no server for demo data", async () => {
    const { fetch, calls } = fakeFetch({});
    expect((await testConnection({ ...yahoo, provider: "demo" }, { fetch, pageOrigin: ORIGIN })).ok).toBe(true);
    expect(calls).toEqual([]);
  });
});
