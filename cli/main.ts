import { parseArgs } from "node:util";
import {
  createDirectProvider,
  createDirectQuoteProvider,
  DEFAULT_QUOTE_INTERVAL_SECONDS,
  describeProvenance,
  formatStats,
  processEnv,
  PROVIDER_NAMES,
} from "../src/market";
import type { Clock, DailySeries, Env, PlanChoice, TickerSnapshot, Ticker } from "../src/market";
import { directQuoteSource, useHistorySource, useQuoteSource } from "../src/addin";
import { BasketNames, DefinedBasket, parseBasketOption } from "./basket-names";
import { chosenPlan, CLI_PROVIDER_CONTEXT, commandLine, knownProvider } from "./command-line";
import { evaluateText } from "./evaluate";
import { DateStyle, formatText, toJsonValue } from "./output";
import { ProgressStream, WaitProgress } from "./wait-progress";
import { runWatch } from "./watch";
import { isWorkbookCommand, runWorkbookCommand } from "./workbook/command";
import { directStores } from "./workbook/data-source";
import { UsageError } from "./workbook/streams";

const USAGE = `Usage: mkt [--json] [--dates iso|serial] [--provider ${PROVIDER_NAMES.join("|")}] [--plan TIER] [--max-wait TIME]
           [--basket NAME=T1,T2]... FORMULA...

Evaluates MKT formulas with the code the Excel add-in runs, e.g.
  mkt 'RSI("IWM")' 'ROTATION_SPREAD("IJH", {"QQQ","XLK"}, "YTD")' 'TOTAL_RETURN(Mag_7, "YTD")'

  --json              print a JSON array of results
  --dates iso|serial  dates as ISO text (2026-01-02) or Excel serials (46024);
                      default iso for text output, serial with --json
  --provider NAME     data source (default yahoo; demo = synthetic offline data);
                      keys from MKT_<PROVIDER>_KEY in your environment
  --plan TIER         your plan with the provider (default MKT_<PROVIDER>_PLAN, else free),
                      e.g. premium-75 for Alpha Vantage; MKT_<PROVIDER>_PER_MINUTE (_PER_SECOND,
                      _PER_HOUR, _PER_DAY: the windows the provider counts in) and
                      MKT_<PROVIDER>_CONCURRENCY set the numbers themselves
  --max-wait TIME     longest a formula waits for the plan's rate limits: seconds, 90s or 5m
                      (default 5m; 0 refuses at once); waiting shows one line on stderr
  --basket NAME=T1,T2 define a basket name for formulas (repeatable); the presets
                      (Mag_7, SP_500, SmallCaps…) are known by name already
  --stats             print data counters (requests, cache hits, retries, errors, stale answers) to stderr
  -h, --help          show this help

Workbooks: mkt refresh BOOK.xlsx [-o OUT.xlsx | --in-place] and mkt report -o REPORT.xlsx …
(see mkt refresh --help, mkt report --help).
Live quotes: QUOTE("IWM") gives the current quote once; mkt watch 'QUOTE("IWM")' … prints each
change until Ctrl-C (see mkt watch --help).

Exit status: 0 all formulas evaluated, 1 some returned an error, 2 usage error.`;

const DATE_STYLES: readonly DateStyle[] = ["iso", "serial"];

interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The waiting line; none: no progress shown. */
  progress?: ProgressStream;
}

const STDIO: Streams = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
  progress: { write: (text) => process.stderr.write(text), tty: process.stderr.isTTY === true },
};

/** How long formulas wait for a plan's rate limits by default. */
export const DEFAULT_MAX_WAIT_MS = 5 * 60_000;
/** Time for the request itself once its turn came (retries, a slow answer): the budget past the wait. */
const ATTEMPT_BUDGET_MS = 20_000;

/** What tests swap: the environment and the clock (and, for `mkt watch`, how it stops). */
export interface MainDependencies {
  readonly env?: Env;
  readonly clock?: Clock;
  readonly stop?: AbortSignal;
}

/** The --basket options as baskets, in order; a UsageError for the first bad one. */
function definedBaskets(options: readonly string[]): DefinedBasket[] {
  const defined: DefinedBasket[] = [];
  for (const option of options) {
    const basket = parseBasketOption(option, defined);
    if ("problem" in basket) throw new UsageError(basket.problem);
    defined.push(basket);
  }
  return defined;
}

/** "--max-wait 90", "90s", "5m" in ms; a UsageError otherwise. */
export function parseMaxWait(option: string | undefined): number {
  if (option === undefined) return DEFAULT_MAX_WAIT_MS;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m)?\s*$/i.exec(option);
  const value = match === null ? Number.NaN : Number(match[1]) * (match[2]?.toLowerCase() === "m" ? 60_000 : 1_000);
  if (!Number.isFinite(value) || value > 24 * 3_600_000) {
    throw new UsageError(`--max-wait ${JSON.stringify(option)}: give seconds (90, 90s) or minutes (5m), at most a day`);
  }
  return value;
}

function dateStyle(option: string | undefined, json: boolean): DateStyle {
  if (option === undefined) return json ? "serial" : "iso";
  if ((DATE_STYLES as readonly string[]).includes(option)) return option as DateStyle;
  throw new UsageError(`--dates ${JSON.stringify(option)}: use iso or serial`);
}

export async function main(argv: string[], io: Streams = STDIO, deps: MainDependencies = {}): Promise<number> {
  // `mkt refresh BOOK.xlsx …` and `mkt report -o REPORT.xlsx …` (cli/workbook/).
  if (isWorkbookCommand(argv[0])) return runWorkbookCommand(argv, io);
  // `mkt watch QUOTE(…)…`: live quotes until Ctrl-C (cli/watch.ts).
  if (argv[0] === "watch") return runWatch(argv.slice(1), io, deps);
  const env = deps.env ?? processEnv();
  const parsed = commandLine("mkt", USAGE, io, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        dates: { type: "string" },
        provider: { type: "string", default: "yahoo" },
        plan: { type: "string" },
        "max-wait": { type: "string" },
        basket: { type: "string", multiple: true, default: [] },
        stats: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }),
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.err(`mkt: give at least one formula\n\n${USAGE}`);
    return 2;
  }
  if (!knownProvider("mkt", values.provider, io)) return 2;
  let names: BasketNames;
  let style: DateStyle;
  let maxWaitMs: number;
  let plan: PlanChoice | undefined;
  try {
    names = new BasketNames(definedBaskets(values.basket));
    style = dateStyle(values.dates, values.json);
    maxWaitMs = parseMaxWait(values["max-wait"]);
    plan = chosenPlan(values.provider, values.plan, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mkt: ${error.message}`);
    return 2;
  }
  if (values.provider === "demo") io.err("mkt: demo provider: synthetic prices and fundamentals, not market data");
  const progress = io.progress === undefined ? null : new WaitProgress(io.progress, deps.clock && (() => deps.clock!.now()));
  const limits = { plan, maxWaitMs, budgetMs: maxWaitMs + ATTEMPT_BUDGET_MS, onWait: progress?.onWait, clock: deps.clock };
  const provider = createDirectProvider(values.provider, env, null, CLI_PROVIDER_CONTEXT, limits);
  // Valuation data from the same provider within the same plan; one request per ticker per run at most.
  const store = directStores(provider);
  const used = new Map<string, DailySeries>();
  const usedSnapshots = new Map<string, TickerSnapshot>();
  /** `load(symbol)` with the waiting line told about it. */
  const progressing = async <T>(symbol: Ticker, load: (symbol: Ticker) => Promise<T>): Promise<T> => {
    progress?.requestedTicker(symbol);
    try {
      return await load(symbol);
    } finally {
      progress?.settledTicker(symbol);
    }
  };
  useHistorySource({
    get: (symbol) =>
      progressing(symbol, async (ticker) => {
        const series = await store.get(ticker);
        used.set(series.symbol, series);
        return series;
      }),
    snapshot: (symbol) =>
      progressing(symbol, async (ticker) => {
        const snapshot = await store.snapshot(ticker);
        usedSnapshots.set(snapshot.symbol, snapshot);
        return snapshot;
      }),
    earnings: (symbol) => progressing(symbol, (ticker) => store.earnings(ticker)),
  });

  // QUOTE once: the current quote, asked of the provider directly (one request per batch of tickers),
  // in the same plan queue as the histories.
  const quotes = directQuoteSource(
    createDirectQuoteProvider(values.provider, env, null, CLI_PROVIDER_CONTEXT, { ...limits, histories: provider }),
    {
      intervalMs: DEFAULT_QUOTE_INTERVAL_SECONDS * 1000,
      limits: plan?.limits ?? null,
      clock: deps.clock,
    },
  );
  useQuoteSource(quotes);

  // Evaluated together so formulas on the same tickers share one fetch each.
  let results;
  try {
    results = await Promise.all(positionals.map((text) => evaluateText(text, names, (notice) => io.err(`mkt: ${notice}`))));
  } finally {
    progress?.finish();
    quotes.close();
  }
  if (values.json) io.out(JSON.stringify(results.map((result) => toJsonValue(result, style))));
  else for (const result of results) io.out(formatText(result, style));
  // Say when numbers rest on unadjusted closes or on an older copy, as the add-in's notes do.
  for (const series of used.values()) {
    if ((!series.adjusted && !series.demo) || series.staleBecause !== undefined) io.err(`mkt: ${describeProvenance(series)}`);
  }
  for (const snapshot of usedSnapshots.values()) {
    if (snapshot.staleBecause !== undefined) {
      const fetched = new Date(snapshot.fetchedAt).toISOString();
      io.err(`mkt: ${snapshot.symbol} · ${snapshot.provider} · valuation snapshot of ${fetched} · stale: ${snapshot.staleBecause}`);
    }
  }
  if (values.stats) io.err(formatStats(store.stats()));
  return results.some((r) => "error" in r) ? 1 : 0;
}
