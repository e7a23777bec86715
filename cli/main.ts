import { parseArgs } from "node:util";
import {
  createDirectProvider,
  describeProvenance,
  ENVIRONMENT_KEY_ADVICE,
  formatStats,
  HistoryStore,
  isProviderName,
  PROVIDER_NAMES,
} from "../src/market";
import type { DailySeries, ProviderContext } from "../src/market";
import { useHistorySource } from "../src/addin";
import { BasketNames, DefinedBasket, parseBasketOption } from "./basket-names";
import { evaluateText } from "./evaluate";
import { DateStyle, formatText, toJsonValue } from "./output";

const USAGE = `Usage: mkt [--json] [--dates iso|serial] [--provider ${PROVIDER_NAMES.join("|")}] [--basket NAME=T1,T2]... FORMULA...

Evaluates MKT formulas with the code the Excel add-in runs, e.g.
  mkt 'RSI("IWM")' 'ROTATION_SPREAD("IJH", {"QQQ","XLK"}, "YTD")' 'TOTAL_RETURN(Mag_7, "YTD")'

  --json              print a JSON array of results
  --dates iso|serial  dates as ISO text (2026-01-02) or Excel serials (46024);
                      default iso for text output, serial with --json
  --provider NAME     data source (default yahoo; demo = synthetic offline data);
                      keys from MKT_<PROVIDER>_KEY in your environment
  --basket NAME=T1,T2 define a basket name for formulas (repeatable); the presets
                      (Mag_7, SP_500, SmallCaps…) are known by name already
  --stats             print data counters (requests, cache hits, retries, errors, stale answers) to stderr
  -h, --help          show this help

Exit status: 0 all formulas evaluated, 1 some returned an error, 2 usage error.`;

/**
 * What the providers' messages say in a terminal: keys come from the analyst's own environment, and
 * when a provider's host is not found (offline), the demo provider still answers.
 */
const CLI_PROVIDER_CONTEXT: ProviderContext = {
  keyAdvice: ENVIRONMENT_KEY_ADVICE,
  hostNotFoundHint: "offline? try --provider demo",
};

const DATE_STYLES: readonly DateStyle[] = ["iso", "serial"];

interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: Streams = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};

class UsageError extends Error {}

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

function dateStyle(option: string | undefined, json: boolean): DateStyle {
  if (option === undefined) return json ? "serial" : "iso";
  if ((DATE_STYLES as readonly string[]).includes(option)) return option as DateStyle;
  throw new UsageError(`--dates ${JSON.stringify(option)}: use iso or serial`);
}

export async function main(argv: string[], io: Streams = STDIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        dates: { type: "string" },
        provider: { type: "string", default: "yahoo" },
        basket: { type: "string", multiple: true, default: [] },
        stats: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`mkt: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length === 0) {
    io.err(`mkt: give at least one formula\n\n${USAGE}`);
    return 2;
  }
  if (!isProviderName(values.provider)) {
    io.err(`mkt: unknown provider ${JSON.stringify(values.provider)}; use one of ${PROVIDER_NAMES.join(", ")}`);
    return 2;
  }
  let names: BasketNames;
  let style: DateStyle;
  try {
    names = new BasketNames(definedBaskets(values.basket));
    style = dateStyle(values.dates, values.json);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mkt: ${error.message}`);
    return 2;
  }
  if (values.provider === "demo") io.err("mkt: demo provider: synthetic prices, not market data");
  const store = new HistoryStore(createDirectProvider(values.provider, undefined, null, CLI_PROVIDER_CONTEXT));
  const used = new Map<string, DailySeries>();
  useHistorySource({
    get: async (symbol) => {
      const series = await store.get(symbol);
      used.set(series.symbol, series);
      return series;
    },
  });

  // Evaluated together so formulas on the same tickers share one fetch each.
  const results = await Promise.all(positionals.map((text) => evaluateText(text, names)));
  if (values.json) io.out(JSON.stringify(results.map((result) => toJsonValue(result, style))));
  else for (const result of results) io.out(formatText(result, style));
  // Say when numbers rest on unadjusted closes or on an older copy, as the add-in's notes do.
  for (const series of used.values()) {
    if ((!series.adjusted && !series.demo) || series.staleBecause !== undefined) io.err(`mkt: ${describeProvenance(series)}`);
  }
  if (values.stats) io.err(formatStats(store.stats()));
  return results.some((r) => "error" in r) ? 1 : 0;
}
