import { MarketDataError, parseTicker } from "../../../../src/market/core";
import { DEFAULT_POLYGON_URL, POLYGON_SPEC, PolygonProvider } from "../../../../src/market/providers/polygon";
import { rejection } from "../../../support/market-errors";
import { fixtureText, replayOf } from "../../../support/recordings";
import { ReceivedRequest, ReplayServer, Responder, ScriptedResponse, startReplayServer } from "../../../support/replay-server";
import { expectSecretAbsent } from "../../../support/secret-check";
import { loadVcrInteraction } from "../../../support/vcr-cassettes";

/** 10:00 in New York on 2023-01-11. */
const NOW = Date.parse("2023-01-11T15:00:00Z");
const KEY = "SECRET-KEY-123";
const AGGS_PATH = /^\/v2\/aggs\/ticker\/[^/]+\/range\/1\/day\//;
const isoOf = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const JSON_TYPE = { "content-type": "application/json" };

const AAPL = replayOf(loadVcrInteraction("polygon/test_polygon_equity_historical_fetcher_urllib3_v2.yaml"));
const TIMEFRAME_REFUSAL: ScriptedResponse = {
  status: 403,
  headers: JSON_TYPE,
  body: fixtureText("polygon/transcribed/not_authorized_plan_timeframe_openbb4747.json"),
};

/** The recorded AAPL answer cut to `range` of its six bars, with `extra` fields (next_url). */
function aaplPage(range: [number, number], extra: Record<string, unknown> = {}): ScriptedResponse {
  const body = JSON.parse(AAPL.body as string);
  body.results = body.results.slice(...range);
  return { status: 200, headers: JSON_TYPE, body: JSON.stringify({ ...body, ...extra }) };
}

let server: ReplayServer;

async function serve(respond: Responder, apiKey: string | null = KEY, timeoutMs = 2000): Promise<PolygonProvider> {
  server = await startReplayServer([{ path: AGGS_PATH, respond }]);
  return new PolygonProvider({ baseUrl: server.url, apiKey, now: () => NOW, timeoutMs });
}

const rangeOf = (request: ReceivedRequest): string => request.path.replace(/^.*\/range\/1\/day\//, "");

afterEach(async () => {
  await server?.close();
});

describe("PolygonProvider against a replay server", () => {
  it("asks for every daily bar up to today in New York, split-adjusted, oldest first, key in a Bearer header", async () => {
    const provider = await serve(AAPL);
    const series = await provider.fetchHistory(parseTicker("aapl"));
    expect(series.days.length).toBe(6);
    expect(series).toMatchObject({ symbol: "AAPL", provider: "polygon", adjusted: false, fetchedAt: NOW });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe("GET");
    expect(request.url).toBe("/v2/aggs/ticker/AAPL/range/1/day/1970-01-01/2023-01-11?adjusted=true&sort=asc&limit=50000");
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("asks from `since` when given", async () => {
    const provider = await serve(aaplPage([4, 6]));
    const series = await provider.fetchHistory(parseTicker("AAPL"), { since: dayOf("2023-01-09") });
    expect(Array.from(series.days, isoOf)).toEqual(["2023-01-09", "2023-01-10"]);
    expect(rangeOf(server.requests[0])).toBe("2023-01-09/2023-01-11");
  });

  it("a since-range without bars is no-data from that day", async () => {
    const provider = await serve({
      status: 200,
      headers: JSON_TYPE,
      body: JSON.stringify({ ticker: "AAPL", resultsCount: 0, status: "OK" }),
    });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL"), { since: dayOf("2023-01-11") }));
    expect(error.kind).toBe("no-data");
    expect(error.message).toContain("on or after 2023-01-11");
  });

  it("encodes the symbol in the path", async () => {
    const provider = await serve(AAPL);
    await provider.fetchHistory(parseTicker("BRK.B"));
    expect(server.requests[0].path).toBe("/v2/aggs/ticker/BRK.B/range/1/day/1970-01-01/2023-01-11");
  });

  it("without a key: invalid-key with setup instructions, and no request", async () => {
    const provider = await serve(AAPL, null);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("invalid-key");
    expect(error.message).toBe(
      "Polygon.io needs an API key: set MKT_POLYGON_KEY on the server or enter your own key in the add-in's settings",
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("a plan that covers only recent years (the free plan: about two)", () => {
  const refuseOldRanges: Responder = (request) => (rangeOf(request).startsWith("1970-01-01") ? TIMEFRAME_REFUSAL : AAPL);

  it("retries a refused full history once from inside the window, and starts there from then on", async () => {
    const provider = await serve(refuseOldRanges);
    expect((await provider.fetchHistory(parseTicker("AAPL"))).days.length).toBe(6);
    expect(server.requests.map(rangeOf)).toEqual(["1970-01-01/2023-01-11", "2021-01-16/2023-01-11"]);
    await provider.fetchHistory(parseTicker("MSFT"));
    expect(server.requests.map(rangeOf)).toHaveLength(3);
    expect(rangeOf(server.requests[2])).toBe("2021-01-16/2023-01-11");
  });

  it("says plan-limit when even the window is refused, after one retry", async () => {
    const provider = await serve(TIMEFRAME_REFUSAL);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("plan-limit");
    expect(error.message).toContain("does not cover the requested dates");
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a refused `since` range: the missing tail cannot be fetched", async () => {
    const provider = await serve(TIMEFRAME_REFUSAL);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL"), { since: dayOf("2019-06-03") }));
    expect(error.kind).toBe("plan-limit");
    expect(server.requests).toHaveLength(1);
  });

  it("other refusals are not retried", async () => {
    const provider = await serve({
      status: 403,
      headers: JSON_TYPE,
      body: JSON.stringify({ status: "NOT_AUTHORIZED", request_id: "r", message: "You are not entitled to this data." }),
    });
    expect((await rejection(provider.fetchHistory(parseTicker("AAPL")))).kind).toBe("plan-limit");
    expect(server.requests).toHaveLength(1);
  });
});

describe("next_url pagination", () => {
  it("follows a next_url on Polygon's or Massive's host through our base URL, with the key re-attached", async () => {
    const next = "https://api.massive.com/v2/aggs/ticker/AAPL/range/1/day/1672981200000/2023-01-11?cursor=bGltaXQ9Mw";
    const provider = await serve((_request, call) => (call === 0 ? aaplPage([0, 3], { next_url: next }) : aaplPage([3, 6])));
    const series = await provider.fetchHistory(parseTicker("AAPL"));
    expect(Array.from(series.days, isoOf)).toEqual(["2023-01-03", "2023-01-04", "2023-01-05", "2023-01-06", "2023-01-09", "2023-01-10"]);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1].url).toBe("/v2/aggs/ticker/AAPL/range/1/day/1672981200000/2023-01-11?cursor=bGltaXQ9Mw");
    expect(server.requests[1].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("follows a next_url on our own base URL as it is", async () => {
    let base = "";
    const provider = await serve((_request, call) =>
      call === 0 ? aaplPage([0, 3], { next_url: `${base}/v2/aggs/ticker/AAPL/range/1/day/x/y?cursor=2` }) : aaplPage([3, 6]),
    );
    base = server.url;
    expect((await provider.fetchHistory(parseTicker("AAPL"))).days.length).toBe(6);
    expect(server.requests[1].url).toBe("/v2/aggs/ticker/AAPL/range/1/day/x/y?cursor=2");
  });

  it("never sends the key to another host: bad-response instead", async () => {
    const provider = await serve(aaplPage([0, 3], { next_url: "https://evil.example/v2/aggs?cursor=1" }));
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("next_url points at another host (evil.example)");
    expect(server.requests).toHaveLength(1);
  });

  it("gives up on a next_url that never ends", async () => {
    const provider = await serve(aaplPage([0, 1], { next_url: "https://api.polygon.io/v2/aggs/ticker/AAPL/range/1/day/a/b?cursor=again" }));
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toContain("still a next_url after 10 pages");
    expect(server.requests).toHaveLength(10);
  });
});

/** Every failure a replayed answer can cause, with the kind it must map to. */
const ERROR_CASES: [string, MarketDataError["kind"], ScriptedResponse][] = [
  ["data timeframe refused (recorded)", "plan-limit", TIMEFRAME_REFUSAL],
  [
    "key not provided (recorded)",
    "invalid-key",
    { status: 401, headers: JSON_TYPE, body: fixtureText("polygon/transcribed/error_api_key_not_provided_issue219.json") },
  ],
  [
    "unknown key echoing it (reported shape)",
    "invalid-key",
    { status: 401, headers: JSON_TYPE, body: JSON.stringify({ status: "ERROR", request_id: "r", error: `Unknown API Key ${KEY}` }) },
  ],
  [
    "429 JSON with Retry-After",
    "rate-limited",
    {
      status: 429,
      headers: { ...JSON_TYPE, "retry-after": "30" },
      body: JSON.stringify({ status: "ERROR", error: "You've exceeded the maximum requests per minute" }),
    },
  ],
  ["429 empty without Retry-After", "rate-limited", { status: 429, body: "" }],
  ["HTML 502", "unavailable", { status: 502, headers: { "content-type": "text/html" }, body: "<html>bad gateway</html>" }],
  ["HTML 200", "bad-response", { status: 200, headers: { "content-type": "text/html" }, body: "<html>login</html>" }],
  ["truncated JSON", "bad-response", { ...AAPL, truncateAfterBytes: 300 }],
  [
    "empty full history",
    "unknown-symbol",
    { status: 200, headers: JSON_TYPE, body: JSON.stringify({ ticker: "AAPL", resultsCount: 0, status: "OK" }) },
  ],
  ["connection dropped mid-body", "unavailable", { ...AAPL, drop: "mid-body" }],
  ["no answer within the timeout", "unavailable", { ...AAPL, hang: "after-headers" }],
];

describe("PolygonProvider error answers", () => {
  it.each(ERROR_CASES)("%s -> %s, naming provider and symbol", async (_label, kind, respond) => {
    const provider = await serve(respond, KEY, 300);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.kind).toBe(kind);
    expect(error.message).toContain("Polygon.io");
    expect(error.message).toContain("AAPL");
  });

  it("passes Retry-After on as retryAfterSeconds", async () => {
    const provider = await serve(ERROR_CASES[3][2]);
    expect((await rejection(provider.fetchHistory(parseTicker("AAPL")))).retryAfterSeconds).toBe(30);
  });

  it.each(ERROR_CASES)("the key never appears in the error: %s", async (_label, _kind, respond) => {
    const provider = await serve(respond, KEY, 300);
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0].url).not.toContain(KEY);
    expectSecretAbsent(error, KEY);
  });

  it("not even a part of it, where quoted text is cut at its length limit", async () => {
    // The key straddles the 160-character limit of quoted upstream text.
    const body = JSON.stringify({ status: "ERROR", request_id: "r", error: `${"x".repeat(147)} ${KEY} is an unknown API key` });
    const provider = await serve({ status: 401, headers: JSON_TYPE, body });
    const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
    expect(error.message).toContain("x [redacted]");
    expect(error.message).not.toContain("SECRET-");
  });

  it("the key never appears when fetch itself fails quoting a header", async () => {
    const provider = new PolygonProvider({ baseUrl: "http://127.0.0.1:9", apiKey: KEY, timeoutMs: 2000 });
    const fetchSpy = jest.spyOn(globalThis, "fetch").mockImplementation(async (_input, init) => {
      throw new TypeError(`bad header ${JSON.stringify(init?.headers)}`);
    });
    try {
      const error = await rejection(provider.fetchHistory(parseTicker("AAPL")));
      expect(error.message).toContain("Bearer [redacted]");
      expectSecretAbsent(error, KEY);
    } finally {
      fetchSpy.mockRestore();
    }
  });
});

describe("POLYGON_SPEC", () => {
  it("describes a keyed provider with start dates but no dividend-adjusted closes, on the free plan's limits", () => {
    expect(POLYGON_SPEC).toMatchObject({
      name: "polygon",
      label: "Polygon.io",
      defaultBaseUrl: DEFAULT_POLYGON_URL,
      keyRequired: true,
      adjustedCloses: false,
      supportsSince: true,
    });
    expect(POLYGON_SPEC.plans.tiers.free).toEqual({ concurrency: 1, perMinute: 5 });
    expect(DEFAULT_POLYGON_URL).toBe("https://api.polygon.io");
    expect(POLYGON_SPEC.knownHosts).toEqual(["api.polygon.io", "api.massive.com"]);
  });

  it("can be pointed at api.massive.com, Polygon's new name", () => {
    const provider = POLYGON_SPEC.create({ baseUrl: "https://api.massive.com/", apiKey: KEY }) as PolygonProvider;
    expect(provider.name).toBe("polygon");
    expect(provider.aggsUrl("AAPL", 0, dayOf("2023-01-11"))).toBe(
      "https://api.massive.com/v2/aggs/ticker/AAPL/range/1/day/1970-01-01/2023-01-11?adjusted=true&sort=asc&limit=50000",
    );
  });

  it("creates a provider that fetches from the given base URL", async () => {
    server = await startReplayServer([{ path: AGGS_PATH, respond: AAPL }]);
    const provider = POLYGON_SPEC.create({ baseUrl: server.url, apiKey: KEY, now: () => NOW });
    expect((await provider.fetchHistory(parseTicker("AAPL"))).days.length).toBe(6);
  });
});
