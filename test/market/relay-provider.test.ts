import { historyPath, RelayErrorBody, statusForKind } from "../../src/market/relay-protocol";
import { RelayProvider } from "../../src/market/relay-provider";
import { seriesToJson } from "../../src/market/series-json";
import { MarketErrorKind } from "../../src/market/types";
import { ReplayServer, Route, ScriptedResponse, startReplayServer } from "../support/replay-server";
import { makeSeries } from "../support/series-builder";
import { rejection } from "../support/market-errors";

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
let server: ReplayServer;

async function relay(routes: Route[], timeoutMs = 2000): Promise<RelayProvider> {
  server = await startReplayServer(routes);
  return new RelayProvider({ serverUrl: `${server.url}/`, provider: "yahoo", timeoutMs });
}

function errorReply(kind: RelayErrorBody["error"], message: string, status: number, headers: Record<string, string> = {}): ScriptedResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ error: kind, message } satisfies RelayErrorBody) };
}

afterEach(async () => {
  await server?.close();
});

describe("RelayProvider", () => {
  it("GETs /api/history/{provider}/{symbol} and reads the series", async () => {
    const sent = { ...makeSeries("IWM", [100, 101, 99.5]), provider: "yahoo", fetchedAt: 1234 };
    const provider = await relay([{ path: historyPath("yahoo", "IWM"), respond: { headers: JSON_HEADERS, body: JSON.stringify(seriesToJson(sent)) } }]);
    expect(provider.name).toBe("yahoo");
    const series = await provider.fetchHistory("iwm");
    expect(server.requests.map((r) => r.url)).toEqual(["/api/history/yahoo/IWM"]);
    expect(series.symbol).toBe("IWM");
    expect(series.fetchedAt).toBe(1234);
    expect(Array.from(series.days)).toEqual(Array.from(sent.days));
    expect(Array.from(series.adjClose)).toEqual([100, 101, 99.5]);
    expect(series.days).toBeInstanceOf(Int32Array);
  });

  it("encodes the symbol in the path", async () => {
    const provider = await relay([{ path: "/api/history/yahoo/EURUSD%3DX", respond: errorReply("no-data", "none", 422) }]);
    await rejection(provider.fetchHistory("EURUSD=X"));
    expect(server.requests[0].path).toBe("/api/history/yahoo/EURUSD%3DX");
  });

  it("never sends an invalid symbol to the server", async () => {
    const provider = await relay([]);
    expect((await rejection(provider.fetchHistory("a/../b"))).kind).toBe("invalid-symbol");
    expect(server.requests).toHaveLength(0);
  });

  const kinds: MarketErrorKind[] = ["unknown-symbol", "no-data", "rate-limited", "unavailable", "bad-response", "invalid-symbol"];
  it.each(kinds)("maps a %s error body back to that kind with the server's message", async (kind) => {
    const message = `Server says ${kind} for IWM`;
    const provider = await relay([{ path: "/api/history/yahoo/IWM", respond: errorReply(kind, message, statusForKind(kind)) }]);
    const error = await rejection(provider.fetchHistory("IWM"));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(error.symbol).toBe("IWM");
  });

  it("passes Retry-After on with rate-limited", async () => {
    const provider = await relay([
      { path: "/api/history/yahoo/IWM", respond: errorReply("rate-limited", "Yahoo is rate-limiting", 429, { "retry-after": "17" }) },
    ]);
    expect((await rejection(provider.fetchHistory("IWM"))).retryAfterSeconds).toBe(17);
  });

  it("relay-level errors (not-found, bad-request) become unavailable / bad-response with the server's words", async () => {
    const provider = await relay([
      { path: "/api/history/yahoo/IWM", respond: errorReply("not-found", "unknown provider yahoo", 404) },
      { path: "/api/history/yahoo/QQQ", respond: errorReply("bad-request", "symbol missing", 400) },
    ]);
    const notFound = await rejection(provider.fetchHistory("IWM"));
    expect(notFound.kind).toBe("unavailable");
    expect(notFound.message).toContain("unknown provider yahoo");
    const badRequest = await rejection(provider.fetchHistory("QQQ"));
    expect(badRequest.kind).toBe("bad-response");
    expect(badRequest.message).toContain("symbol missing");
  });

  it("an HTML 502 from a proxy -> unavailable", async () => {
    const provider = await relay([
      { path: "/api/history/yahoo/IWM", respond: { status: 502, headers: { "content-type": "text/html" }, body: "<html><h1>502 Bad Gateway</h1></html>" } },
    ]);
    const error = await rejection(provider.fetchHistory("IWM"));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("The data server is unavailable (HTTP 502, an HTML page) for IWM");
  });

  it.each([
    ["a plain-text 429", "rate-limited", { status: 429, body: "slow down" }],
    ["an HTML 404", "bad-response", { status: 404, headers: { "content-type": "text/html" }, body: "<h1>Not Found</h1>" }],
    ["a JSON error not in the protocol", "unavailable", { status: 500, headers: JSON_HEADERS, body: '{"statusCode":500,"error":"Internal Server Error"}' }],
    ["a 200 that is not JSON", "bad-response", { status: 200, body: "<html></html>" }],
    ["a 200 series with a short column", "bad-response", { status: 200, headers: JSON_HEADERS, body: JSON.stringify({ ...seriesToJson(makeSeries("IWM", [1, 2])), close: [1] }) }],
    ["a 200 truncated series", "bad-response", { status: 200, headers: JSON_HEADERS, body: JSON.stringify(seriesToJson(makeSeries("IWM", [1, 2]))), truncateAfterBytes: 40 }],
  ] as [string, MarketErrorKind, ScriptedResponse][])("%s -> %s", async (_label, kind, reply) => {
    const provider = await relay([{ path: "/api/history/yahoo/IWM", respond: reply }]);
    const error = await rejection(provider.fetchHistory("IWM"));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain("IWM");
    expect(error.message).toContain("data server");
  });

  it("a dropped connection -> unavailable", async () => {
    const provider = await relay([{ path: "/api/history/yahoo/IWM", respond: { drop: "before-headers" } }]);
    const error = await rejection(provider.fetchHistory("IWM"));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toMatch(/^Could not reach the data server for IWM: /);
  });

  it("a server that never answers -> unavailable after the timeout", async () => {
    const provider = await relay([{ path: "/api/history/yahoo/IWM", respond: { hang: "before-headers" } }], 300);
    const started = Date.now();
    const error = await rejection(provider.fetchHistory("IWM"));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("The data server did not answer within 0.3 s for IWM: the request timed out");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("refuses a server URL that is not http(s)", () => {
    expect(() => new RelayProvider({ serverUrl: "localhost:3000", provider: "yahoo" })).toThrow(/serverUrl/);
  });
});
