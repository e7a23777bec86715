import fs from "node:fs";
import path from "node:path";
import {
  DailySeries,
  HistoryProvider,
  isoDateOfTradingDay,
  MarketDataError,
  MarketErrorKind,
  parseTicker,
  PROVIDER_SPECS,
  ProviderName,
  tradingDayOfIsoDate,
} from "../../../src/market";
import { isRetryable } from "../../../src/market/resilience";
import { PROVIDER_FIXTURES_DIR } from "../../support/fixture-paths";
import { rejection } from "../../support/market-errors";
import { ReceivedRequest, ReplayServer, Responder, ScriptedResponse, startReplayServer } from "../../support/replay-server";
import { expectSecretAbsent } from "../../support/secret-check";

/**
 * The provider contract: one function, run over every provider by contract.test.ts, so that all of
 * them behave alike for the layers above (HistoryStore, resilience, functions). Each provider is
 * built through its registry spec against a loopback replay server and fed its recorded fixtures.
 *
 *   1. it parses every recorded daily history of its fixture folder (and the entry accounts for
 *      every file in that folder);
 *   2. an unknown symbol rejects with "unknown-symbol" naming the ticker;
 *   3. an invalid key rejects with "invalid-key" without the key in any text; no key, no request;
 *   4. a rate limit rejects with a retryable "rate-limited" carrying the Retry-After;
 *   5. a tail fetch (`since`) asks upstream for the start date where the spec says it can, and
 *      otherwise returns the full history (what HistoryStore's mergeTail expects).
 *
 * An item that cannot apply to a provider is declared `notApplicable` with the reason, together
 * with the alternative the contract asserts instead; nothing is skipped silently.
 */

/** The key keyed providers are configured with: distinctive, so any trace of it in an error is found. */
export const CONTRACT_KEY = "CONTRACT-marker-key-9f27c1d4";
/** The Retry-After (seconds) every rate-limit answer carries. */
const RETRY_AFTER_SECONDS = 37;
const SERIES_COLUMNS = ["open", "high", "low", "close", "adjClose", "volume"] as const;

/** Why a contract item cannot apply to this provider, for people reading the entry and the test names. */
export interface NotApplicable {
  readonly notApplicable: string;
}

export type FixtureRole =
  | { readonly history: HistoryExpectation }
  | { readonly error: MarketErrorKind; readonly what: string }
  | { readonly notDailyHistory: string; readonly refusedAs: MarketErrorKind };

export interface HistoryExpectation {
  readonly first: string;
  readonly last: string;
  readonly bars: number;
  /** Only where the recording's adjustment differs from the spec's `adjustedCloses`, with the reason. */
  readonly adjusted?: { readonly value: boolean; readonly because: string };
}

export const history = (first: string, last: string, bars: number, adjusted?: HistoryExpectation["adjusted"]): FixtureRole => ({
  history: { first, last, bars, adjusted },
});
export const errorBody = (kind: MarketErrorKind, what: string): FixtureRole => ({ error: kind, what });
export const notDailyHistory = (reason: string, refusedAs: MarketErrorKind): FixtureRole => ({ notDailyHistory: reason, refusedAs });

/** One recorded answer, served for `ticker`, and what the provider must make of it. */
export interface FixtureUse {
  /** Paths under test/fixtures/providers/<name>/ this use accounts for (one body, or a cassette and its decoded body). */
  readonly files: readonly string[];
  readonly ticker: string;
  /** The replay server's answer, as the provider's client tests serve this fixture. */
  readonly respond: ScriptedResponse;
  readonly role: FixtureRole;
}

/** What the demo provider has instead of recordings: a synthetic series for any valid ticker. */
export interface SyntheticHistories {
  readonly tickers: readonly string[];
  readonly first: string;
  readonly last: string;
  readonly bars: number;
}

export type UnknownSymbolItem =
  | { readonly ticker: string; readonly respond: ScriptedResponse; readonly source: string }
  | (NotApplicable & {
      readonly instead: { readonly noData: { readonly ticker: string; readonly respond: ScriptedResponse; readonly source: string } };
    })
  | (NotApplicable & { readonly instead: { readonly syntheticSeries: string } });

export type KeyItem =
  | {
      /** The provider's invalid-key answer (given the key, should upstream echo it). */
      readonly invalidKey: { readonly respond: (key: string) => ScriptedResponse; readonly source: string };
      /** Where the request carried the key, to show it was really in play. */
      readonly sentKey: (request: ReceivedRequest) => string | null;
    }
  | (NotApplicable & { readonly instead: { readonly keyIgnored: { readonly ticker: string; readonly respond?: ScriptedResponse } } });

export type RateLimitItem =
  /** The provider's rate-limit answer; the contract adds a Retry-After header to it. */
  | { readonly respond: ScriptedResponse; readonly source: string }
  | (NotApplicable & { readonly instead: { readonly burstWithoutUpstream: number } });

export type TailItem =
  | {
      readonly fromStartDate: {
        readonly ticker: string;
        readonly since: string;
        /** The recorded full history; upstream's answer to a start date is `upstreamFrom(body, start)`. */
        readonly respond: ScriptedResponse;
        /** The start date ("YYYY-MM-DD") the request asked for, read from the URL; null when it asked for none. */
        readonly sentStart: (request: ReceivedRequest) => string | null;
        /** The recorded body cut to bars on or after `start`, as upstream answers a start date. */
        readonly upstreamFrom: (body: string, start: string) => string;
        readonly first: string;
        readonly bars: number;
        /** Set when no recording has bars before `since`, so dropping earlier bars cannot be shown. */
        readonly recordingStartsAtSince?: string;
      };
    }
  | { readonly fullHistory: { readonly ticker: string; readonly since: string; readonly respond?: ScriptedResponse } };

export interface ProviderContract {
  readonly name: ProviderName;
  /** The provider's clock (ISO instant). */
  readonly now: string;
  /** The path (pattern) the provider's daily-history requests arrive at on the replay server. */
  readonly route: RegExp | NotApplicable;
  readonly fixtures: readonly FixtureUse[] | (NotApplicable & { readonly instead: SyntheticHistories });
  readonly unknownSymbol: UnknownSymbolItem;
  readonly keys: KeyItem;
  readonly rateLimited: RateLimitItem;
  readonly tail: TailItem;
}

const isNotApplicable = (item: object): item is NotApplicable => "notApplicable" in item;

/** Every file under `dir`, as paths relative to it ("transcribed/x.json"), sorted. */
export function filesUnder(dir: string, prefix = ""): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
    )
    .sort();
}

const barCount = (bars: number): string => `${bars} bar${bars === 1 ? "" : "s"}`;

const dayOf = (iso: string): number => {
  const day = tradingDayOfIsoDate(iso);
  if (day === null) throw new Error(`not a date: ${iso}`);
  return day;
};

/** Declares the contract's tests for one provider. */
export function testProviderContract(entry: ProviderContract): void {
  const spec = PROVIDER_SPECS[entry.name];
  const now = Date.parse(entry.now);
  const defaultKey = spec.keyRequired ? CONTRACT_KEY : null;
  let server: ReplayServer | undefined;

  afterEach(async () => {
    jest.restoreAllMocks();
    await server?.close();
    server = undefined;
  });

  /** A replay server answering `respond` on the entry's route, and the provider built on it by its spec. */
  async function serve(respond?: Responder, apiKey: string | null = defaultKey): Promise<HistoryProvider> {
    const routes = respond === undefined || isNotApplicable(entry.route) ? [] : [{ path: entry.route, respond }];
    server = await startReplayServer(routes);
    return spec.create({ baseUrl: server.url, apiKey, now: () => now, timeoutMs: 2000 });
  }
  const requests = (): ReceivedRequest[] => server?.requests ?? [];

  /** The MarketDataError `promise` rejects with, checked never to show the configured key. */
  async function failure(promise: Promise<unknown>): Promise<MarketDataError> {
    const error = await rejection(promise);
    expectSecretAbsent(error, CONTRACT_KEY);
    return error;
  }

  function expectSeries(
    series: DailySeries,
    ticker: string,
    expected: { first: string; last: string; bars: number; adjusted: boolean; demo: boolean },
  ): void {
    const n = series.days.length;
    expect({
      provider: series.provider,
      symbol: series.symbol,
      adjusted: series.adjusted,
      demo: series.demo,
      fetchedAt: series.fetchedAt,
    }).toEqual({
      provider: entry.name,
      symbol: ticker,
      adjusted: expected.adjusted,
      demo: expected.demo,
      fetchedAt: now,
    });
    expect(n).toBeGreaterThan(0);
    expect({ first: isoDateOfTradingDay(series.days[0]), last: isoDateOfTradingDay(series.days[n - 1]), bars: n }).toEqual({
      first: expected.first,
      last: expected.last,
      bars: expected.bars,
    });
    expect(SERIES_COLUMNS.filter((column) => series[column].length !== n)).toEqual([]);
    expect(series.days.findIndex((day, i) => i > 0 && day <= series.days[i - 1])).toBe(-1);
    expect(series.close.findIndex((value) => !Number.isFinite(value))).toBe(-1);
    expect(series.adjClose.findIndex((value) => !Number.isFinite(value))).toBe(-1);
    if (!series.adjusted) expect(Array.from(series.adjClose)).toEqual(Array.from(series.close));
  }

  /** Runs `run` with fetch stubbed to fail, and asserts nothing called it and nothing reached the replay server. */
  async function withoutNetwork(run: () => Promise<void>): Promise<void> {
    const fetchSpy = jest.spyOn(globalThis, "fetch").mockRejectedValue(new Error("the contract forbids network here"));
    await run();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(requests()).toHaveLength(0);
  }

  describe(`provider contract: ${entry.name}`, () => {
    it("is registered under its name, and the entry agrees with its spec (key, start dates)", () => {
      expect(spec.name).toBe(entry.name);
      expect(spec.create({ baseUrl: "http://127.0.0.1:9", apiKey: defaultKey }).name).toBe(entry.name);
      expect("invalidKey" in entry.keys).toBe(spec.keyRequired);
      expect("fromStartDate" in entry.tail).toBe(spec.supportsSince);
    });

    if (isNotApplicable(entry.route)) {
      it(`has no upstream (${entry.route.notApplicable}): fetching never touches the network`, async () => {
        const provider = await serve();
        await withoutNetwork(async () => {
          await provider.fetchHistory(parseTicker("IWM"));
          await provider.fetchHistory(parseTicker("IWM"), { since: dayOf("2020-01-02") });
        });
      });
    }

    describe("1. parses every recorded daily history", () => {
      const fixtures = entry.fixtures;
      const folder = path.join(PROVIDER_FIXTURES_DIR, entry.name);

      if (isNotApplicable(fixtures)) {
        const { tickers, first, last, bars } = fixtures.instead;
        it(`not applicable (${fixtures.notApplicable}): there is no fixture folder`, () => {
          expect(fs.existsSync(folder)).toBe(false);
        });
        it.each(tickers)(
          `instead, %s gets a deterministic synthetic series (${first}..${last}, ${barCount(bars)}, demo: true), without network`,
          async (ticker) => {
            const provider = await serve();
            await withoutNetwork(async () => {
              const series = await provider.fetchHistory(parseTicker(ticker));
              expectSeries(series, ticker, { first, last, bars, adjusted: spec.adjustedCloses, demo: true });
              const again = await spec.create({ baseUrl: "http://127.0.0.1:9", now: () => now }).fetchHistory(parseTicker(ticker));
              expect(Array.from(again.close)).toEqual(Array.from(series.close));
              expect(Array.from(again.days)).toEqual(Array.from(series.days));
            });
          },
        );
        return;
      }

      it(`accounts for every file in test/fixtures/providers/${entry.name}/ (history, error or not a daily history)`, () => {
        const accounted = [...new Set(fixtures.flatMap((use) => use.files))].sort();
        expect(accounted).toEqual(filesUnder(folder));
        expect(fixtures.some((use) => "history" in use.role)).toBe(true);
      });

      for (const use of fixtures) {
        const { role, ticker } = use;
        const file = use.files[0];
        if ("history" in role) {
          const { first, last, bars, adjusted } = role.history;
          const note = adjusted === undefined ? "" : `, adjusted: ${adjusted.value} (${adjusted.because})`;
          it(`${file} (${ticker}): ${first}..${last}, ${barCount(bars)}${note}`, async () => {
            if (adjusted !== undefined) expect(adjusted.value).not.toBe(spec.adjustedCloses); // an override must say something
            const provider = await serve(use.respond);
            const series = await provider.fetchHistory(parseTicker(ticker));
            expectSeries(series, ticker, { first, last, bars, adjusted: adjusted?.value ?? spec.adjustedCloses, demo: false });
          });
        } else {
          const kind = "error" in role ? role.error : role.refusedAs;
          const what = "error" in role ? `error body: ${role.what}` : `not a daily history: ${role.notDailyHistory}`;
          it(`${file} (${what}) -> ${kind} for ${ticker}`, async () => {
            const provider = await serve(use.respond);
            const error = await failure(provider.fetchHistory(parseTicker(ticker)));
            expect(error.kind).toBe(kind);
            expect(error.symbol).toBe(ticker);
          });
        }
      }
    });

    describe("2. unknown symbol", () => {
      const item = entry.unknownSymbol;
      if (!isNotApplicable(item)) {
        it(`-> unknown-symbol naming the ticker (${item.source})`, async () => {
          const provider = await serve(item.respond);
          const error = await failure(provider.fetchHistory(parseTicker(item.ticker)));
          expect(error.kind).toBe("unknown-symbol");
          expect(error.symbol).toBe(item.ticker);
          expect(error.message).toContain(item.ticker);
          expect(requests().length).toBeGreaterThan(0);
        });
      } else if ("noData" in item.instead) {
        const { ticker, respond, source } = item.instead.noData;
        it(`not applicable (${item.notApplicable}): instead no-data naming the ticker (${source})`, async () => {
          const provider = await serve(respond);
          const error = await failure(provider.fetchHistory(parseTicker(ticker)));
          expect(error.kind).toBe("no-data");
          expect(error.symbol).toBe(ticker);
          expect(error.message).toContain(ticker);
        });
      } else {
        const ticker = item.instead.syntheticSeries;
        it(`not applicable (${item.notApplicable}): instead ${ticker}, listed nowhere, gets the same synthetic series twice`, async () => {
          const provider = await serve();
          await withoutNetwork(async () => {
            const [a, b] = [await provider.fetchHistory(parseTicker(ticker)), await provider.fetchHistory(parseTicker(ticker))];
            expect(a).toMatchObject({ symbol: ticker, provider: entry.name, demo: true });
            expect(a.days.length).toBeGreaterThan(0);
            expect(Array.from(b.close)).toEqual(Array.from(a.close));
          });
        });
      }
    });

    describe("3. API key", () => {
      const item = entry.keys;
      if (!isNotApplicable(item)) {
        it(`invalid key -> invalid-key, the key in no message, string or stack (${item.invalidKey.source})`, async () => {
          const provider = await serve(item.invalidKey.respond(CONTRACT_KEY), CONTRACT_KEY);
          const error = await failure(provider.fetchHistory(parseTicker("IWM")));
          expect(error.kind).toBe("invalid-key");
          expect(error.symbol).toBe("IWM");
          expect(requests().map(item.sentKey)).toContain(CONTRACT_KEY); // the key really was in play
        });
        it("no key configured -> invalid-key before any request", async () => {
          const provider = await serve(item.invalidKey.respond(CONTRACT_KEY), null);
          const error = await failure(provider.fetchHistory(parseTicker("IWM")));
          expect(error.kind).toBe("invalid-key");
          expect(requests()).toHaveLength(0);
        });
      } else {
        const { ticker, respond } = item.instead.keyIgnored;
        it(`not applicable (${item.notApplicable}): instead a key is not needed, and a configured one is never sent`, async () => {
          const keyless = await serve(respond, null);
          const withoutKey = await keyless.fetchHistory(parseTicker(ticker));
          const sentWithoutKey = requests().map((request) => request.url);
          await server?.close();
          const keyed = await serve(respond, CONTRACT_KEY);
          const withKey = await keyed.fetchHistory(parseTicker(ticker));
          expect(Array.from(withKey.days)).toEqual(Array.from(withoutKey.days));
          expect(requests().map((request) => request.url)).toEqual(sentWithoutKey);
          expect(requests()).toHaveLength(respond === undefined ? 0 : 1);
          for (const request of requests()) expect(JSON.stringify([request.url, request.headers])).not.toContain(CONTRACT_KEY);
        });
      }
    });

    describe("4. rate limited", () => {
      const item = entry.rateLimited;
      if (!isNotApplicable(item)) {
        it(`-> rate-limited, retryable, with the Retry-After sent (${item.source})`, async () => {
          const headers = { ...item.respond.headers, "retry-after": String(RETRY_AFTER_SECONDS) };
          const provider = await serve({ ...item.respond, headers });
          const error = await failure(provider.fetchHistory(parseTicker("IWM")));
          expect(error.kind).toBe("rate-limited");
          expect(isRetryable(error)).toBe(true);
          expect(error.retryAfterSeconds).toBe(RETRY_AFTER_SECONDS);
          expect(error.symbol).toBe("IWM");
        });
      } else {
        const burst = item.instead.burstWithoutUpstream;
        it(`not applicable (${item.notApplicable}): instead a burst of ${burst} fetches all succeed without network`, async () => {
          const provider = await serve();
          await withoutNetwork(async () => {
            const tickers = Array.from({ length: burst }, (_, i) => parseTicker(`T${i}`));
            const series = await Promise.all(tickers.map((ticker) => provider.fetchHistory(ticker)));
            expect(series.map((s) => s.symbol)).toEqual(tickers);
          });
        });
      }
    });

    describe("5. tail fetch from a start date", () => {
      const item = entry.tail;
      if ("fromStartDate" in item) {
        const tail = item.fromStartDate;
        const caveat = tail.recordingStartsAtSince === undefined ? "" : `; ${tail.recordingStartsAtSince}`;
        it(`supportsSince: asks from ${tail.since} and gets only bars on or after it (${tail.first}, ${barCount(tail.bars)}${caveat})`, async () => {
          const since = dayOf(tail.since);
          const upstream: Responder = (request) => {
            const start = tail.sentStart(request);
            return start === null ? tail.respond : { ...tail.respond, body: tail.upstreamFrom(String(tail.respond.body), start) };
          };
          const provider = await serve(upstream);
          const series = await provider.fetchHistory(parseTicker(tail.ticker), { since });
          expect(requests().map(tail.sentStart)).toEqual([tail.since]);
          expect(series.days.filter((day) => day < since)).toEqual(new Int32Array(0));
          expect({ first: isoDateOfTradingDay(series.days[0]), bars: series.days.length }).toEqual({ first: tail.first, bars: tail.bars });

          // The recording itself reaches back before `since` (so bars were really left out), or the entry says why not.
          const full = await provider.fetchHistory(parseTicker(tail.ticker));
          if (tail.recordingStartsAtSince === undefined) expect(full.days[0]).toBeLessThan(since);
          else expect(full.days[0]).toBeGreaterThanOrEqual(since);
        });
      } else {
        const { ticker, since: sinceIso, respond } = item.fullHistory;
        it(`no supportsSince: from ${sinceIso} it returns the full history, first bar before it (what HistoryStore relies on)`, async () => {
          const since = dayOf(sinceIso);
          const provider = await serve(respond);
          const full = await provider.fetchHistory(parseTicker(ticker));
          const tail = await provider.fetchHistory(parseTicker(ticker), { since });
          expect(tail.days[0]).toBeLessThan(since);
          expect(Array.from(tail.days)).toEqual(Array.from(full.days));
          const urls = requests().map((request) => request.url);
          expect(urls).toHaveLength(respond === undefined ? 0 : 2);
          if (urls.length === 2) expect(urls[1]).toBe(urls[0]); // the start date is not sent at all
        });
      }
    });
  });
}
