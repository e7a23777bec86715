import {
  EarningsHistory,
  isoDateOfTradingDay,
  MarketDataError,
  MarketErrorKind,
  parseTicker,
  PROVIDER_SPECS,
  ProviderName,
  SecurityKind,
  SnapshotOutcome,
  SnapshotProvider,
  Ticker,
  TickerSnapshot,
  tradingDayOf,
} from "../../../src/market";
import { isRetryable } from "../../../src/market/resilience";
import { rejection } from "../../support/market-errors";
import { ReceivedRequest, ReplayServer, Route, startReplayServer } from "../../support/replay-server";
import { expectSecretAbsent } from "../../support/secret-check";
import { valuationFiles } from "./valuation/recordings";

/**
 * The provider contract's valuation items (issue 11), run for every provider by its fundamentals test
 * (test/market/providers/<name>/fundamentals*.test.ts):
 *
 *   6. every recorded fundamentals answer of the provider (test/fixtures/fundamentals/<name>/) is
 *      accounted for (quote recordings a case serves must exist; the rest are the live-quote parsers'),
 *      and each served through the provider's
 *      snapshot client gives outcomes with the invariants (provider, symbol, fetchedAt, kind,
 *      currency whenever there is a price, amounts finite or null and positive where they must be,
 *      no EPS for a fund) and what the entry expects of it;
 *   7. an unknown symbol is unknown-symbol in the map, not a rejection;
 *   8. an invalid key is invalid-key in the map without the key in any text; no key, no request;
 *   9. a rate limit is rate-limited in the map, retryable, with the Retry-After;
 *  10. quarterly earnings, where offered, ascend by report date; a provider without them says why,
 *      in its spec, on its snapshot client and in its entry.
 *
 * Items that cannot apply are declared notApplicable with the reason and what is asserted instead.
 */

/** The key keyed providers are configured with (as in contract.ts): distinctive, so any trace of it is found. */
export const SNAPSHOT_CONTRACT_KEY = "CONTRACT-marker-key-9f27c1d4";
const RETRY_AFTER_SECONDS = 41;
const KINDS: readonly SecurityKind[] = ["equity", "fund", "crypto", "currency", "index", "other"];
const AMOUNTS = [
  "price",
  "epsTrailing",
  "epsForward",
  "peTrailingPublished",
  "peForwardPublished",
  "marketCap",
  "sharesOutstanding",
] as const;
type Amount = (typeof AMOUNTS)[number];
/** Amounts that are never zero or negative when present (a loss shows in EPS only). */
const POSITIVE: readonly Amount[] = ["price", "peTrailingPublished", "peForwardPublished", "marketCap", "sharesOutstanding"];

export interface NotApplicable {
  readonly notApplicable: string;
}
const isNotApplicable = (item: object): item is NotApplicable => "notApplicable" in item;

/** What one ticker's snapshot must be: its kind and currency, any amounts (to 6 significant digits), nulls, and a note. */
export interface SnapshotExpectation {
  readonly kind: SecurityKind;
  readonly currency: string | null;
  readonly amounts?: Partial<Record<Amount, number | null>>;
  /** A note that must be among the snapshot's notes. */
  readonly note?: RegExp;
}
export type TickerExpectation = SnapshotExpectation | { readonly error: MarketErrorKind; readonly message?: RegExp };

export const snap = (
  kind: SecurityKind,
  currency: string | null,
  amounts?: SnapshotExpectation["amounts"],
  note?: RegExp,
): SnapshotExpectation => ({
  kind,
  currency,
  amounts,
  note,
});
/** The ticker's outcome is a MarketDataError of kind `error`, its message matching `message` when given. */
export const failsAs = (error: MarketErrorKind, message?: RegExp): TickerExpectation => ({ error, message });

/** Recorded answers served together (one snapshot may take several requests), and what each ticker asked gets. */
export interface SnapshotCase {
  /** Paths under test/fixtures/ this case accounts for. */
  readonly files: readonly string[];
  readonly what: string;
  readonly routes: readonly Route[];
  readonly tickers: Readonly<Record<string, TickerExpectation>>;
}

export interface EarningsExpectation {
  readonly quarters: number;
  /** First and last report dates ("YYYY-MM-DD"). */
  readonly first: string;
  readonly last: string;
  /** Whether the provider gives each quarter's end (FMP gives report dates only). */
  readonly periodEnds: boolean;
}

export interface EarningsCase {
  readonly files: readonly string[];
  readonly what: string;
  readonly routes: readonly Route[];
  readonly ticker: string;
  readonly expect: EarningsExpectation | { readonly error: MarketErrorKind };
}

/** A recording this contract does not serve, and where it is read instead (a parser test), or why it is not read. */
export interface RecordingElsewhere {
  readonly files: readonly string[];
  readonly why: string;
}

export interface SnapshotContract {
  /** The snapshot client's clock (ISO instant). */
  readonly now: string;
  /** Routes every request needs besides a case's own (Yahoo's cookie page and crumb). */
  readonly commonRoutes?: readonly Route[];
  readonly cases:
    readonly SnapshotCase[] | (NotApplicable & { readonly instead: { readonly tickers: Readonly<Record<string, TickerExpectation>> } });
  readonly elsewhere?: readonly RecordingElsewhere[];
  readonly unknownSymbol:
    | { readonly ticker: string; readonly routes: readonly Route[]; readonly source: string }
    | (NotApplicable & { readonly instead: { readonly syntheticSnapshot: string } });
  readonly keys:
    | {
        readonly invalidKey: { readonly routes: (key: string) => readonly Route[]; readonly source: string };
        readonly sentKey: (request: ReceivedRequest) => string | null;
      }
    | (NotApplicable & { readonly instead: { readonly keyIgnored: { readonly ticker: string; readonly routes: readonly Route[] } } });
  readonly rateLimited:
    | { readonly routes: (retryAfter: string) => readonly Route[]; readonly source: string }
    | (NotApplicable & { readonly instead: { readonly burstWithoutUpstream: number } });
  readonly earnings:
    { readonly cases: readonly EarningsCase[] } | (NotApplicable & { readonly instead: { readonly unavailableSaysWhy: RegExp } });
}

/** The invariants every snapshot keeps, whichever provider made it. */
export function expectSnapshotInvariants(outcome: SnapshotOutcome, name: ProviderName, ticker: string, fetchedAt: number): void {
  if (outcome instanceof MarketDataError) {
    expect(outcome.symbol).toBe(ticker);
    expect(outcome.message).toContain(ticker);
    return;
  }
  const snapshot: TickerSnapshot = outcome;
  expect({ provider: snapshot.provider, symbol: snapshot.symbol, fetchedAt: snapshot.fetchedAt, demo: snapshot.demo }).toEqual({
    provider: name,
    symbol: ticker,
    fetchedAt,
    demo: name === "demo",
  });
  expect(KINDS).toContain(snapshot.kind);
  if (snapshot.price !== null) expect(snapshot.currency).toMatch(/^[A-Z]{3}$/);
  for (const field of AMOUNTS) {
    const value = snapshot[field];
    expect(value === null || (typeof value === "number" && Number.isFinite(value))).toBe(true);
    if (value !== null && POSITIVE.includes(field)) expect([field, value > 0]).toEqual([field, true]);
  }
  if (snapshot.kind === "fund") expect([snapshot.epsTrailing, snapshot.epsForward]).toEqual([null, null]);
  expect(snapshot.priceTime === null || Number.isFinite(snapshot.priceTime)).toBe(true);
  expect(Array.isArray(snapshot.notes) && snapshot.notes.every((note) => typeof note === "string")).toBe(true);
  // Round-trips through JSON as it is (the relay's and caches' form).
  expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
}

function expectTicker(outcome: SnapshotOutcome | undefined, expected: TickerExpectation, ticker: string): void {
  expect(outcome).toBeDefined();
  if ("error" in expected) {
    expect(outcome).toBeInstanceOf(MarketDataError);
    expect((outcome as MarketDataError).kind).toBe(expected.error);
    if (expected.message !== undefined) expect((outcome as MarketDataError).message).toMatch(expected.message);
    return;
  }
  if (outcome instanceof MarketDataError) throw new Error(`${ticker}: expected a snapshot, got ${outcome.kind}: ${outcome.message}`);
  const snapshot = outcome as TickerSnapshot;
  expect({ kind: snapshot.kind, currency: snapshot.currency }).toEqual({ kind: expected.kind, currency: expected.currency });
  for (const [field, value] of Object.entries(expected.amounts ?? {}) as [Amount, number | null][]) {
    if (value === null) expect([field, snapshot[field]]).toEqual([field, null]);
    else expect([field, Number(snapshot[field]?.toPrecision(6))]).toEqual([field, Number(value.toPrecision(6))]);
  }
  if (expected.note !== undefined) expect(snapshot.notes.join("\n")).toMatch(expected.note);
}

/** The invariants of an earnings history: ascending report dates, finite EPS, periods before reports, nothing after today. */
export function expectEarningsInvariants(history: EarningsHistory, name: ProviderName, ticker: string, fetchedAt: number): void {
  expect({ provider: history.provider, symbol: history.symbol, fetchedAt: history.fetchedAt, demo: history.demo }).toEqual({
    provider: name,
    symbol: ticker,
    fetchedAt,
    demo: name === "demo",
  });
  const today = tradingDayOf(fetchedAt, "UTC") + 1;
  expect(history.quarters.length).toBeGreaterThan(0);
  history.quarters.forEach((quarter, i) => {
    expect(Number.isFinite(quarter.eps)).toBe(true);
    expect(quarter.reportedOn).toBeLessThanOrEqual(today);
    if (quarter.periodEnd !== null) expect(quarter.periodEnd).toBeLessThanOrEqual(quarter.reportedOn);
    if (i > 0) expect(quarter.reportedOn).toBeGreaterThanOrEqual(history.quarters[i - 1].reportedOn);
  });
  expect(history.currency === null || /^[A-Z]{3}$/.test(history.currency)).toBe(true);
}

/** Declares the valuation items for provider `name` (called inside testProviderContract's describe). */
export function describeSnapshotContract(name: ProviderName, entry: SnapshotContract): void {
  const spec = PROVIDER_SPECS[name];
  const now = Date.parse(entry.now);
  const defaultKey = spec.keyRequired ? SNAPSHOT_CONTRACT_KEY : null;
  let server: ReplayServer | undefined;

  afterEach(async () => {
    jest.restoreAllMocks();
    await server?.close();
    server = undefined;
  });

  async function serve(routes: readonly Route[] = [], apiKey: string | null = defaultKey): Promise<SnapshotProvider> {
    server = await startReplayServer([...(entry.commonRoutes ?? []), ...routes]);
    return spec.snapshots.create({ baseUrl: server.url, apiKey, now: () => now, timeoutMs: 2000 });
  }
  const requests = (): ReceivedRequest[] => server?.requests ?? [];

  async function fetchAll(provider: SnapshotProvider, symbols: readonly string[]): Promise<ReadonlyMap<Ticker, SnapshotOutcome>> {
    const tickers = symbols.map(parseTicker);
    const outcomes = await provider.fetchSnapshots(tickers);
    expect([...outcomes.keys()].sort()).toEqual([...tickers].sort());
    for (const [ticker, outcome] of outcomes) {
      if (outcome instanceof MarketDataError) expectSecretAbsent(outcome, SNAPSHOT_CONTRACT_KEY);
      expectSnapshotInvariants(outcome, name, ticker, now);
    }
    return outcomes;
  }

  async function withoutNetwork(run: () => Promise<void>): Promise<void> {
    const fetchSpy = jest.spyOn(globalThis, "fetch").mockRejectedValue(new Error("the contract forbids network here"));
    await run();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(requests()).toHaveLength(0);
  }

  describe("valuation snapshots (issue 11)", () => {
    it("the spec describes them, and the client agrees with it", () => {
      const client = spec.snapshots.create({ baseUrl: "http://127.0.0.1:9", apiKey: defaultKey });
      expect(client.name).toBe(name);
      expect(client.snapshotsPerRequest).toBe(spec.snapshots.snapshotsPerRequest);
      expect(spec.snapshots.sources.length).toBeGreaterThan(10);
      expect(spec.snapshots.plans.length).toBeGreaterThan(10);
      expect(typeof client.fetchEarnings === "function").toBe("endpoint" in spec.snapshots.earnings);
      expect(!isNotApplicable(entry.earnings)).toBe("endpoint" in spec.snapshots.earnings);
    });

    describe("6. every recorded fundamentals and quote answer", () => {
      const cases = entry.cases;
      if (isNotApplicable(cases)) {
        const { tickers } = cases.instead;
        it(`not applicable (${cases.notApplicable}): no recordings; instead ${Object.keys(tickers).join(", ")} get deterministic snapshots without network`, async () => {
          expect(valuationFiles(name)).toEqual([]);
          const provider = await serve();
          await withoutNetwork(async () => {
            const outcomes = await fetchAll(provider, Object.keys(tickers));
            for (const [symbol, expected] of Object.entries(tickers)) expectTicker(outcomes.get(parseTicker(symbol)), expected, symbol);
            const again = await spec.snapshots
              .create({ baseUrl: "http://127.0.0.1:9", now: () => now })
              .fetchSnapshots(Object.keys(tickers).map(parseTicker));
            expect([...again.values()]).toEqual([...outcomes.values()]);
          });
        });
        return;
      }

      // Every fundamentals recording is accounted for here (a new one fails until it is); quote recordings are
      // the live-quote parsers' to account for, and those a case serves must exist.
      it(`accounts for every file in test/fixtures/fundamentals/${name}/ (and the quote recordings it serves exist)`, () => {
        const used = [...cases.flatMap((c) => c.files), ...(entry.elsewhere ?? []).flatMap((e) => e.files)];
        if (!isNotApplicable(entry.earnings)) used.push(...entry.earnings.cases.flatMap((c) => c.files));
        const all = valuationFiles(name);
        const distinct = [...new Set(used)].sort();
        expect(distinct.filter((file) => file.startsWith("fundamentals/"))).toEqual(all.filter((file) => file.startsWith("fundamentals/")));
        expect(distinct.filter((file) => !all.includes(file))).toEqual([]);
      });

      for (const use of cases) {
        const summary = Object.entries(use.tickers)
          .map(([symbol, expected]) => `${symbol} ${"error" in expected ? expected.error : expected.kind}`)
          .join(", ");
        it(`${use.files[0] ?? "(no recording)"}${use.files.length > 1 ? ` (+${use.files.length - 1})` : ""}: ${use.what} -> ${summary}`, async () => {
          const provider = await serve(use.routes);
          const outcomes = await fetchAll(provider, Object.keys(use.tickers));
          for (const [symbol, expected] of Object.entries(use.tickers)) expectTicker(outcomes.get(parseTicker(symbol)), expected, symbol);
        });
      }
      for (const other of entry.elsewhere ?? []) {
        it(`${other.files.join(", ")}: ${other.why}`, () => {
          expect(other.files.every((file) => valuationFiles(name).includes(file))).toBe(true);
        });
      }
    });

    describe("7. unknown symbol", () => {
      const item = entry.unknownSymbol;
      if (!isNotApplicable(item)) {
        it(`-> unknown-symbol in the map, not a rejection (${item.source})`, async () => {
          const provider = await serve(item.routes);
          const outcomes = await fetchAll(provider, [item.ticker]);
          expect(outcomes.get(parseTicker(item.ticker))).toMatchObject({ kind: "unknown-symbol", symbol: item.ticker });
          expect(requests().length).toBeGreaterThan(0);
        });
      } else {
        const ticker = item.instead.syntheticSnapshot;
        it(`not applicable (${item.notApplicable}): instead ${ticker} gets a synthetic snapshot`, async () => {
          const provider = await serve();
          const outcomes = await fetchAll(provider, [ticker]);
          expect(outcomes.get(parseTicker(ticker))).toMatchObject({ symbol: ticker, demo: true });
        });
      }
    });

    describe("8. API key", () => {
      const item = entry.keys;
      if (!isNotApplicable(item)) {
        it(`invalid key -> invalid-key in the map, the key in no message, string or stack (${item.invalidKey.source})`, async () => {
          const provider = await serve(item.invalidKey.routes(SNAPSHOT_CONTRACT_KEY), SNAPSHOT_CONTRACT_KEY);
          const outcomes = await fetchAll(provider, ["IWM", "MSFT"]);
          for (const symbol of ["IWM", "MSFT"]) expect(outcomes.get(parseTicker(symbol))).toMatchObject({ kind: "invalid-key", symbol });
          expect(requests().map(item.sentKey)).toContain(SNAPSHOT_CONTRACT_KEY);
        });
        it("no key configured -> invalid-key in the map before any request", async () => {
          const provider = await serve(item.invalidKey.routes(SNAPSHOT_CONTRACT_KEY), null);
          const outcomes = await fetchAll(provider, ["IWM"]);
          expect(outcomes.get(parseTicker("IWM"))).toMatchObject({ kind: "invalid-key" });
          expect(requests()).toHaveLength(0);
        });
      } else {
        const { ticker, routes } = item.instead.keyIgnored;
        it(`not applicable (${item.notApplicable}): instead a configured key is never sent`, async () => {
          const provider = await serve(routes, SNAPSHOT_CONTRACT_KEY);
          const outcomes = await fetchAll(provider, [ticker]);
          expect(outcomes.get(parseTicker(ticker))).not.toBeInstanceOf(MarketDataError);
          for (const request of requests()) expect(JSON.stringify([request.url, request.headers])).not.toContain(SNAPSHOT_CONTRACT_KEY);
        });
      }
    });

    describe("9. rate limited", () => {
      const item = entry.rateLimited;
      if (!isNotApplicable(item)) {
        it(`-> rate-limited in the map, retryable, with the Retry-After (${item.source})`, async () => {
          const provider = await serve(item.routes(String(RETRY_AFTER_SECONDS)));
          const outcomes = await fetchAll(provider, ["IWM"]);
          const error = outcomes.get(parseTicker("IWM"));
          expect(error).toBeInstanceOf(MarketDataError);
          expect(error).toMatchObject({ kind: "rate-limited", retryAfterSeconds: RETRY_AFTER_SECONDS, symbol: "IWM" });
          expect(isRetryable(error)).toBe(true);
        });
      } else {
        const burst = item.instead.burstWithoutUpstream;
        it(`not applicable (${item.notApplicable}): instead ${burst} tickers at once all get snapshots without network`, async () => {
          const provider = await serve();
          await withoutNetwork(async () => {
            const outcomes = await fetchAll(
              provider,
              Array.from({ length: burst }, (_, i) => `T${i}`),
            );
            expect([...outcomes.values()].every((outcome) => !(outcome instanceof MarketDataError))).toBe(true);
          });
        });
      }
    });

    describe("10. quarterly earnings with report dates", () => {
      const item = entry.earnings;
      if (isNotApplicable(item)) {
        it(`not applicable (${item.notApplicable}): the spec, the client and this entry say so`, () => {
          const client = spec.snapshots.create({ baseUrl: "http://127.0.0.1:9", apiKey: defaultKey });
          expect(client.fetchEarnings).toBeUndefined();
          expect(client.earningsUnavailable).toMatch(item.instead.unavailableSaysWhy);
          expect(spec.snapshots.earnings).toEqual({ unavailable: client.earningsUnavailable });
        });
        return;
      }
      for (const use of item.cases) {
        const expected = use.expect;
        const summary = "error" in expected ? expected.error : `${expected.quarters} quarters reported ${expected.first}..${expected.last}`;
        it(`${use.files[0] ?? "(no recording)"}: ${use.what} -> ${use.ticker}: ${summary}`, async () => {
          const provider = await serve(use.routes);
          if (provider.fetchEarnings === undefined) throw new Error("fetchEarnings missing");
          const work = provider.fetchEarnings(parseTicker(use.ticker));
          if ("error" in expected) {
            const error = await rejection(work);
            expectSecretAbsent(error, SNAPSHOT_CONTRACT_KEY);
            expect(error).toMatchObject({ kind: expected.error, symbol: use.ticker });
            return;
          }
          const history = await work;
          expectEarningsInvariants(history, name, use.ticker, now);
          const days = history.quarters.map((quarter) => quarter.reportedOn);
          expect({
            quarters: history.quarters.length,
            first: isoDateOfTradingDay(days[0]),
            last: isoDateOfTradingDay(days[days.length - 1]),
            periodEnds: history.quarters.every((quarter) => quarter.periodEnd !== null),
          }).toEqual(expected);
        });
      }
    });
  });
}
