import http from "node:http";
import type { AddressInfo } from "node:net";

/** About ten years of daily sessions (252 a year). */
export const TEN_YEARS_OF_BARS = 2_520;
const DAY_MS = 86_400_000;
/** 09:30 New York in winter, as Yahoo stamps daily bars; the parser takes the New York date. */
const SESSION_OPEN_UTC_SECONDS = 14.5 * 3600;

/** xorshift32 seeded from the symbol: every symbol its own walk, the same on every run. */
function randomSource(symbol: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < symbol.length; i++) state = Math.imul(state ^ symbol.charCodeAt(i), 0x01000193) >>> 0;
  state ||= 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

/** The last `count` weekdays up to and including `endMs`'s UTC date, as UTC day numbers. */
function weekdaysUpTo(endMs: number, count: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(endMs / DAY_MS); days.length < count; day--) {
    const weekday = (day + 4) % 7; // day 0 (1970-01-01) was a Thursday
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days.reverse();
}

/**
 * A Yahoo v8 chart body for `symbol` shaped like a real one: `bars` daily sessions ending at
 * `endMs`, prices in cents sent as float32 values widened to doubles (Yahoo's
 * 251.4499969482422), dividend-adjusted closes for about two symbols in three, integer volumes.
 * Each symbol gets its own level, volatility and dividend yield, so no two bodies are alike and
 * they compress as real ones do (a 10-year history is ~250 KB of SeriesJson).
 */
export function realisticChartBody(symbol: string, bars: number, endMs: number): string {
  const random = randomSource(symbol);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const days = weekdaysUpTo(endMs, bars);
  const dailyVol = (0.15 + 0.45 * random()) / Math.sqrt(252);
  const drift = (0.1 * random() - 0.02) / 252;
  const quarterlyYield = random() < 0.35 ? 0 : (0.04 * random()) / 4;
  const baseVolume = Math.round(10 ** (5 + 2.5 * random()));
  let level = 5 + 400 * random() ** 2;
  const cents = (x: number): number => Math.fround(Math.max(0.01, Math.round(x * 100) / 100));

  const open: number[] = [];
  const high: number[] = [];
  const low: number[] = [];
  const close: number[] = [];
  const volume: number[] = [];
  const dividends: { index: number; amount: number }[] = [];
  for (let i = 0; i < bars; i++) {
    const gap = 0.3 * dailyVol * normal();
    const move = drift + dailyVol * normal();
    const openLevel = level * Math.exp(gap);
    level *= Math.exp(gap + move);
    const o = cents(openLevel);
    const c = cents(level);
    open.push(o);
    close.push(c);
    high.push(Math.max(o, c, cents(Math.max(openLevel, level) * (1 + 0.8 * dailyVol * random()))));
    low.push(Math.min(o, c, cents(Math.min(openLevel, level) * (1 - 0.7 * dailyVol * random()))));
    volume.push(Math.round(baseVolume * (0.5 + random()) * (1 + 6 * Math.abs(move))));
    if (quarterlyYield > 0 && i % 63 === 40) dividends.push({ index: i, amount: Math.round(c * quarterlyYield * 100) / 100 });
  }
  // Yahoo's adjustment: each dividend scales every earlier close by (1 - amount / previous close).
  const factor = new Float64Array(bars).fill(1);
  for (const { index, amount } of dividends) {
    const scale = 1 - amount / close[index - 1];
    for (let i = 0; i < index; i++) factor[i] *= scale;
  }
  const adjclose = close.map((c, i) => (factor[i] === 1 ? c : Math.fround(c * factor[i])));
  const timestamp = days.map((day) => day * 86_400 + SESSION_OPEN_UTC_SECONDS);
  return JSON.stringify({
    chart: {
      result: [
        {
          meta: {
            currency: "USD",
            symbol,
            exchangeName: "NMS",
            instrumentType: "EQUITY",
            firstTradeDate: timestamp[0],
            regularMarketTime: timestamp[bars - 1] + 23_400,
            exchangeTimezoneName: "America/New_York",
            dataGranularity: "1d",
            range: "",
          },
          timestamp,
          events: {
            dividends: Object.fromEntries(
              dividends.map(({ index, amount }) => [String(timestamp[index]), { amount, date: timestamp[index] }] as const),
            ),
          },
          indicators: { quote: [{ open, high, low, close, volume }], adjclose: [{ adjclose }] },
        },
      ],
      error: null,
    },
  });
}

export interface HistoryUpstream {
  readonly url: string;
  /** Requests received so far, answered or not. */
  requests(): number;
  close(): Promise<void>;
}

/**
 * A loopback Yahoo answering /v8/finance/chart/{symbol} with the prepared body of that symbol
 * (404 for any other), so the relay's warm-up costs what parsing real histories costs.
 */
export async function startHistoryUpstream(bodies: ReadonlyMap<string, Buffer>): Promise<HistoryUpstream> {
  let requests = 0;
  const server = http.createServer((request, response) => {
    requests++;
    const match = /^\/v8\/finance\/chart\/([^/?]+)/.exec(request.url ?? "");
    const body = match === null ? undefined : bodies.get(decodeURIComponent(match[1]));
    if (body === undefined) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"chart":{"result":null,"error":{"code":"Not Found"}}}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
