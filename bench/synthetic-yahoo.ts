import http from "node:http";
import type { AddressInfo } from "node:net";
import { demoSeries } from "../src/market";

const SESSION_OPEN_UTC_SECONDS = 14.5 * 3600; // 09:30 New York in winter; the parser takes the New York date

/** A Yahoo v8 chart body for `symbol` with the demo provider's synthetic history (~6,900 daily bars). */
export function syntheticChartBody(symbol: string, nowMs: number): string {
  const series = demoSeries(symbol, nowMs);
  const round = (values: Float64Array): number[] => Array.from(values);
  return JSON.stringify({
    chart: {
      result: [
        {
          meta: { currency: "USD", symbol, exchangeTimezoneName: "America/New_York", dataGranularity: "1d" },
          timestamp: Array.from(series.days, (day) => day * 86_400 + SESSION_OPEN_UTC_SECONDS),
          indicators: {
            quote: [
              {
                open: round(series.open),
                high: round(series.high),
                low: round(series.low),
                close: round(series.close),
                volume: round(series.volume),
              },
            ],
            adjclose: [{ adjclose: round(series.adjClose) }],
          },
        },
      ],
      error: null,
    },
  });
}

export interface SyntheticYahoo {
  readonly url: string;
  /** Requests per symbol received so far. */
  readonly requests: Map<string, number>;
  /** Most requests in flight at once. */
  readonly peakInFlight: () => number;
  /** Generates the bodies beforehand, so the timed run measures the client, not this server. */
  prepare(symbols: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** A loopback Yahoo that answers any symbol after `latencyMs`, like a distant upstream. */
export async function startSyntheticYahoo(latencyMs: number, nowMs: number): Promise<SyntheticYahoo> {
  const requests = new Map<string, number>();
  const bodies = new Map<string, string>();
  let inFlight = 0;
  let peak = 0;
  const server = http.createServer((request, response) => {
    const match = /^\/v8\/finance\/chart\/([^/?]+)/.exec(request.url ?? "");
    if (match === null) {
      response.writeHead(404).end();
      return;
    }
    const symbol = decodeURIComponent(match[1]);
    requests.set(symbol, (requests.get(symbol) ?? 0) + 1);
    inFlight++;
    peak = Math.max(peak, inFlight);
    setTimeout(() => {
      let body = bodies.get(symbol);
      if (body === undefined) {
        body = syntheticChartBody(symbol, nowMs);
        bodies.set(symbol, body);
      }
      response.writeHead(200, { "content-type": "application/json" }).end(body);
      inFlight--;
    }, latencyMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    peakInFlight: () => peak,
    prepare: async (symbols) => {
      for (const symbol of symbols) if (!bodies.has(symbol)) bodies.set(symbol, syntheticChartBody(symbol, nowMs));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
