import { parseTicker } from "../../../../src/market/core";
import { createDirectProvider, providerBaseUrl } from "../../../../src/market";
import { DEFAULT_YAHOO_URL, YahooProvider } from "../../../../src/market/providers/yahoo";
import { replayOf, yahooRecording } from "../../../support/recordings";
import { ReplayServer, Route, startReplayServer } from "../../../support/replay-server";
import { rejection } from "../../../support/market-errors";

const NOW = Date.parse("2023-08-12T00:00:00Z");
const TSLA_PATH = "/v8/finance/chart/TSLA";
const TSLA = yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json");

let server: ReplayServer;

async function serve(routes: Route[]): Promise<YahooProvider> {
  server = await startReplayServer(routes);
  return new YahooProvider({ baseUrl: server.url, now: () => NOW, timeoutMs: 2000 });
}

afterEach(async () => {
  await server?.close();
});

describe("YahooProvider against a replay server", () => {
  it("asks for the full daily history with the documented query and parses it", async () => {
    const provider = await serve([{ path: TSLA_PATH, respond: replayOf(TSLA) }]);
    const series = await provider.fetchHistory(parseTicker("tsla"));
    expect(series.symbol).toBe("TSLA");
    expect(series.days.length).toBe(3303);
    expect(server.requests.map((r) => r.url)).toEqual([
      `${TSLA_PATH}?period1=0&period2=1691798400&interval=1d&events=div%7Csplit&includeAdjustedClose=true`,
    ]);
    expect(server.requests[0].method).toBe("GET");
  });

  it("encodes symbols in the path", async () => {
    const fx = yahooRecording("chart-EURUSD=X-2020-01-01-to-2020-01-03.json");
    const provider = await serve([
      { path: "/v8/finance/chart/EURUSD%3DX", respond: replayOf(fx) },
      { path: "/v8/finance/chart/%5EGSPC", respond: replayOf(yahooRecording("historical-via-chart-SI-2020-01-01-to-2020-01-03.json")) },
    ]);
    expect((await provider.fetchHistory(parseTicker("EURUSD=X"))).days.length).toBe(3);
    expect((await rejection(provider.fetchHistory(parseTicker("^GSPC")))).kind).toBe("unknown-symbol");
    expect(server.requests.map((r) => r.path)).toEqual(["/v8/finance/chart/EURUSD%3DX", "/v8/finance/chart/%5EGSPC"]);
  });

  it("a 404 that is not Yahoo's chart JSON (wrong base URL?) is bad-response, not unknown-symbol", async () => {
    const provider = await serve([
      { path: TSLA_PATH, respond: { status: 404, headers: { "content-type": "text/html" }, body: "<h1>Not Found</h1>" } },
    ]);
    const error = await rejection(provider.fetchHistory(parseTicker("TSLA")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("HTTP 404");
  });

  it.each([
    ["historicalv8-MDLY-2020-01-01-to-2021-01-04.json", "MDLY", "unknown-symbol"],
    ["historical-via-chart-SI-2020-01-01-to-2020-01-03.json", "SI", "unknown-symbol"],
    ["chart-BEKE-2020-01-01-to-2020-01-03.json", "BEKE", "no-data"],
  ])("replays the recorded error %s", async (file, symbol, kind) => {
    const provider = await serve([{ path: `/v8/finance/chart/${symbol}`, respond: replayOf(yahooRecording(file)) }]);
    const error = await rejection(provider.fetchHistory(parseTicker(symbol)));
    expect(error.kind).toBe(kind);
    expect(error.symbol).toBe(symbol);
  });

  it("429 -> rate-limited, Retry-After in seconds or as a date", async () => {
    const provider = await serve([
      {
        path: "/v8/finance/chart/IWM",
        respond: { status: 429, headers: { "content-type": "text/plain", "retry-after": "30" }, body: "Edge: Too Many Requests" },
      },
      {
        path: "/v8/finance/chart/QQQ",
        respond: { status: 429, headers: { "retry-after": new Date(NOW + 90_000).toUTCString() }, body: "Edge: Too Many Requests" },
      },
      { path: "/v8/finance/chart/SPY", respond: { status: 429, body: "Edge: Too Many Requests" } },
    ]);
    const seconds = await rejection(provider.fetchHistory(parseTicker("IWM")));
    expect(seconds.kind).toBe("rate-limited");
    expect(seconds.retryAfterSeconds).toBe(30);
    expect((await rejection(provider.fetchHistory(parseTicker("QQQ")))).retryAfterSeconds).toBe(90);
    expect((await rejection(provider.fetchHistory(parseTicker("SPY")))).retryAfterSeconds).toBeNull();
  });

  it("an HTML 503 -> unavailable; an HTML 200 -> bad-response", async () => {
    const page = { headers: { "content-type": "text/html" }, body: "<html><body>Oops</body></html>" };
    const provider = await serve([
      { path: "/v8/finance/chart/IWM", respond: { status: 503, ...page } },
      { path: "/v8/finance/chart/QQQ", respond: { status: 200, ...page } },
    ]);
    expect((await rejection(provider.fetchHistory(parseTicker("IWM")))).kind).toBe("unavailable");
    expect((await rejection(provider.fetchHistory(parseTicker("QQQ")))).kind).toBe("bad-response");
  });

  it("a body cut short but ended cleanly -> bad-response", async () => {
    const provider = await serve([{ path: TSLA_PATH, respond: replayOf(TSLA, { truncateAfterBytes: 5000 }) }]);
    const error = await rejection(provider.fetchHistory(parseTicker("TSLA")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("TSLA");
  });

  it.each(["before-headers", "mid-body"] as const)("a connection dropped %s -> unavailable", async (drop) => {
    const provider = await serve([{ path: TSLA_PATH, respond: replayOf(TSLA, { drop }) }]);
    const error = await rejection(provider.fetchHistory(parseTicker("TSLA")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^Could not reach Yahoo for TSLA: /);
  });

  it("nothing listening -> unavailable", async () => {
    server = await startReplayServer([]);
    const url = server.url;
    await server.close();
    const provider = new YahooProvider({ baseUrl: url, timeoutMs: 2000 });
    const error = await rejection(provider.fetchHistory(parseTicker("TSLA")));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("connection refused");
  });

  it.each([
    ["a slow response", { delayMs: 5000 }],
    ["headers sent, body never finished", { hang: "after-headers" as const }],
    ["nothing sent at all", { hang: "before-headers" as const }],
  ])("%s beyond timeoutMs -> unavailable within a bounded time", async (_label, script) => {
    server = await startReplayServer([{ path: TSLA_PATH, respond: replayOf(TSLA, script) }]);
    const provider = new YahooProvider({ baseUrl: server.url, timeoutMs: 300 });
    const started = Date.now();
    const error = await rejection(provider.fetchHistory(parseTicker("TSLA")));
    const elapsed = Date.now() - started;
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("Yahoo did not answer within 0.3 s for TSLA: the request timed out");
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
  });

  it("a caller's abort signal cancels the request", async () => {
    const provider = await serve([{ path: TSLA_PATH, respond: replayOf(TSLA, { delayMs: 5000 }) }]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const error = await rejection(provider.fetchHistory(parseTicker("TSLA"), { signal: controller.signal }));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toContain("cancelled");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("createDirectProvider('yahoo') follows MKT_YAHOO_URL", async () => {
    server = await startReplayServer([{ path: TSLA_PATH, respond: replayOf(TSLA) }]);
    const provider = createDirectProvider("yahoo", { MKT_YAHOO_URL: `${server.url}/` });
    expect(provider.name).toBe("yahoo");
    expect((await provider.fetchHistory(parseTicker("TSLA"))).days.length).toBe(3303);
    expect(server.requestsTo(TSLA_PATH)).toHaveLength(1);
  });
});

describe("Yahoo's base URL (providerBaseUrl)", () => {
  it("defaults to Yahoo's host", () => {
    expect(providerBaseUrl("yahoo", {})).toBe(DEFAULT_YAHOO_URL);
    expect(providerBaseUrl("yahoo", { MKT_YAHOO_URL: "  " })).toBe(DEFAULT_YAHOO_URL);
    expect(DEFAULT_YAHOO_URL).toBe("https://query2.finance.yahoo.com");
  });

  it("reads MKT_YAHOO_URL, trailing slash tolerated", () => {
    expect(providerBaseUrl("yahoo", { MKT_YAHOO_URL: "http://127.0.0.1:8080" })).toBe("http://127.0.0.1:8080");
    expect(providerBaseUrl("yahoo", { MKT_YAHOO_URL: "http://127.0.0.1:8080/" })).toBe("http://127.0.0.1:8080");
    expect(providerBaseUrl("yahoo", { MKT_YAHOO_URL: "https://proxy.example/yahoo/" })).toBe("https://proxy.example/yahoo");
  });

  it("reads process.env when no environment is passed", () => {
    const saved = process.env.MKT_YAHOO_URL;
    try {
      process.env.MKT_YAHOO_URL = "http://127.0.0.1:9/";
      expect(providerBaseUrl("yahoo")).toBe("http://127.0.0.1:9");
      delete process.env.MKT_YAHOO_URL;
      expect(providerBaseUrl("yahoo")).toBe(DEFAULT_YAHOO_URL);
    } finally {
      if (saved === undefined) delete process.env.MKT_YAHOO_URL;
      else process.env.MKT_YAHOO_URL = saved;
    }
  });

  it.each(["127.0.0.1:8080", "ftp://host", "not a url", "http://host/?x=1"])("refuses %j with a clear message", (value) => {
    expect(() => providerBaseUrl("yahoo", { MKT_YAHOO_URL: value })).toThrow(/MKT_YAHOO_URL/);
  });
});
