import { parseArgs } from "node:util";
import { createDirectProvider, describeProvenance, formatStats, HistoryStore, isProviderName, PROVIDER_NAMES } from "../src/market";
import type { DailySeries } from "../src/market";
import { useHistorySource } from "../src/addin";
import { evaluateText } from "./evaluate";
import { formatText, toJsonValue } from "./output";

const USAGE = `Usage: mkt [--json] [--provider ${PROVIDER_NAMES.join("|")}] FORMULA...

Evaluates MKT formulas with the code the Excel add-in runs, e.g.
  mkt 'RSI("IWM")' 'ROTATION_SPREAD("IJH", {"QQQ","XLK"}, "YTD")'

  --json              print a JSON array of results
  --provider NAME     data source (default yahoo; demo = synthetic offline data)
  --stats             print data counters (requests, cache hits, retries, errors, stale answers) to stderr
  -h, --help          show this help

Exit status: 0 all formulas evaluated, 1 some returned an error, 2 usage error.`;

interface Streams {
  out: (text: string) => void;
  err: (text: string) => void;
}

const STDIO: Streams = {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
};

export async function main(argv: string[], io: Streams = STDIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        provider: { type: "string", default: "yahoo" },
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
  if (values.provider === "demo") io.err("mkt: demo provider: synthetic prices, not market data");
  const store = new HistoryStore(createDirectProvider(values.provider));
  const used = new Map<string, DailySeries>();
  useHistorySource({
    get: async (symbol) => {
      const series = await store.get(symbol);
      used.set(series.symbol, series);
      return series;
    },
  });

  // Evaluated together so formulas on the same tickers share one fetch each.
  const results = await Promise.all(positionals.map(evaluateText));
  if (values.json) io.out(JSON.stringify(results.map(toJsonValue)));
  else for (const result of results) io.out(formatText(result));
  // Say when numbers rest on unadjusted closes or on an older copy, as the add-in's notes do.
  for (const series of used.values()) {
    if ((!series.adjusted && !series.demo) || series.staleBecause !== undefined) io.err(`mkt: ${describeProvenance(series)}`);
  }
  if (values.stats) io.err(formatStats(store.stats()));
  return results.some((r) => "error" in r) ? 1 : 0;
}
