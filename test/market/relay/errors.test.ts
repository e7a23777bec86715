import { seriesToJson } from "../../../src/market/core";
import type { MarketErrorKind } from "../../../src/market/core";
import { relayError, RelayErrorBody, relaySeriesFromJson, statusForKind } from "../../../src/market/relay";
import { makeSeries } from "../../support/series-builder";

/** How the add-in reads a data server answer that is not a 200 series (the batching client's whole-request failures). */
function answer(status: number, body: string, headers: Record<string, string> = {}) {
  return { status, body, headers: new Headers(headers) };
}

function errorBody(kind: RelayErrorBody["error"], message: string): string {
  return JSON.stringify({ error: kind, message } satisfies RelayErrorBody);
}

describe("relayError", () => {
  const kinds: MarketErrorKind[] = ["unknown-symbol", "no-data", "rate-limited", "unavailable", "bad-response", "invalid-symbol"];
  it.each(kinds)("maps a %s error body back to that kind with the server's message", (kind) => {
    const message = `Server says ${kind} for IWM`;
    const error = relayError("IWM", answer(statusForKind(kind), errorBody(kind, message)));
    expect(error.kind).toBe(kind);
    expect(error.message).toBe(message);
    expect(error.symbol).toBe("IWM");
  });

  it.each(["rate-limited", "plan-limit"] as const)("reads a %s body's retryAfterSeconds, before the Retry-After header", (kind) => {
    const body = JSON.stringify({ error: kind, message: "used up", retryAfterSeconds: 3600 } satisfies RelayErrorBody);
    expect(relayError("IWM", answer(statusForKind(kind), body)).retryAfterSeconds).toBe(3600);
    expect(relayError("IWM", answer(statusForKind(kind), body, { "retry-after": "17" })).retryAfterSeconds).toBe(3600);
  });

  it("passes Retry-After on with rate-limited", () => {
    const error = relayError("IWM", answer(429, errorBody("rate-limited", "Yahoo is rate-limiting"), { "retry-after": "17" }));
    expect(error.retryAfterSeconds).toBe(17);
  });

  it("relay-level errors (not-found, bad-request) become unavailable / bad-response with the server's words", () => {
    const notFound = relayError("IWM", answer(404, errorBody("not-found", "unknown provider yahoo")));
    expect(notFound.kind).toBe("unavailable");
    expect(notFound.message).toContain("unknown provider yahoo");
    const badRequest = relayError("QQQ", answer(400, errorBody("bad-request", "symbol missing")));
    expect(badRequest.kind).toBe("bad-response");
    expect(badRequest.message).toContain("symbol missing");
  });

  it("an HTML 502 from a proxy -> unavailable", () => {
    const error = relayError("IWM", answer(502, "<html><h1>502 Bad Gateway</h1></html>", { "content-type": "text/html" }));
    expect(error.kind).toBe("unavailable");
    expect(error.message).toBe("The data server is unavailable (HTTP 502, an HTML page) for IWM");
  });

  it.each([
    ["a plain-text 429", "rate-limited", answer(429, "slow down")],
    ["an HTML 404", "bad-response", answer(404, "<h1>Not Found</h1>", { "content-type": "text/html" })],
    ["a JSON error not in the protocol", "unavailable", answer(500, '{"statusCode":500,"error":"Internal Server Error"}')],
  ] as const)("%s -> %s", (_label, kind, reply) => {
    const error = relayError("IWM", reply);
    expect(error.kind).toBe(kind);
    expect(error.message).toContain("IWM");
    expect(error.message).toContain("data server");
  });
});

describe("relaySeriesFromJson", () => {
  it("reads a SeriesJson value as a DailySeries", () => {
    const sent = { ...makeSeries("IWM", [100, 101, 99.5]), provider: "yahoo", fetchedAt: 1234 };
    const series = relaySeriesFromJson("IWM", seriesToJson(sent));
    expect(series.fetchedAt).toBe(1234);
    expect(series.days).toBeInstanceOf(Int32Array);
    expect(Array.from(series.adjClose)).toEqual([100, 101, 99.5]);
  });

  it("a series with a short column -> bad-response naming the symbol and the data server", () => {
    let caught: unknown;
    try {
      relaySeriesFromJson("IWM", { ...seriesToJson(makeSeries("IWM", [1, 2])), close: [1] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ kind: "bad-response", symbol: "IWM" });
    expect((caught as Error).message).toContain("data server");
  });
});
