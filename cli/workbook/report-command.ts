import { parseArgs } from "node:util";
import { strToU8 } from "fflate";
import { Basket, PRESET_BASKETS } from "../../src/baskets";
import { formatStats, isProviderName, parseTicker, PROVIDER_NAMES } from "../../src/market";
import { weeklyDates } from "../../src/functions";
import {
  ALL_METRICS,
  Benchmark,
  LIVE_METRICS,
  ROTATION_PERIODS,
  RotationViewRequest,
  SECTOR_METRICS,
  SectorMetric,
  SectorTableRequest,
  VALUATION_METRICS,
} from "../../src/workbook";
import { parseBasketOption, DefinedBasket } from "../basket-names";
import { providerDescription, useCliDataSource } from "./data-source";
import { isoWithOffset, statusText } from "./refresh/refresh";
import { updateWorkbookXml } from "./refresh/workbook-xml";
import { calculateReport } from "./report/calculate";
import { composeReport } from "./report/compose";
import { writeBook, zipBook } from "./report/xlsx-writer";
import { Streams, UsageError } from "./streams";
import { writeFileAtomically } from "./xlsx/package";

export const REPORT_USAGE = `Usage: mkt report -o REPORT.xlsx [--provider ${PROVIDER_NAMES.join("|")}]
                  [--basket NAME | --basket NAME=T1,T2]... [--tickers T1,T2,…]
                  [--benchmark TICKER|BASKET] [--metrics M1,M2,…] [--period YTD]
                  [--rotation B1,B2,…] [--span 1Y] [--no-cache] [--stats]

Builds a workbook with the layout the task pane inserts: a sector table (an Excel table of live MKT
formulas with number and conditional formats, and the summary) per --basket or --tickers, the
rotation view of the --rotation baskets with its line chart, and the Baskets sheet with a workbook
name per basket. Every formula's value is computed and cached in the file, so it opens with values
in any spreadsheet and live in Excel with the add-in.

  -o, --output FILE   the workbook to write (.xlsx)
  --basket NAME       a sector table of a preset basket (Mag_7, SP_500, SmallCaps…)
  --basket NAME=T1,T2 a sector table of your own basket (also usable in --rotation, --benchmark)
  --tickers T1,T2     a sector table of these tickers (a basket called Tickers)
  --benchmark X       a ticker or a basket name (default SPY)
  --metrics LIST      sector table columns: ${ALL_METRICS.join(",")} (all: these, the default);
                      valuation columns ${VALUATION_METRICS.join(",")} (valuation: all four);
                      live columns ${LIVE_METRICS.join(",")} (live: both; QUOTE cells, one quote when built)
  --period P          window of the summary's return and spread (default YTD)
  --rotation LIST     baskets for the rotation view, by name (presets or --basket ones)
  --span P            how far back the relative-strength chart starts (default 1Y)
  --provider NAME     data source (default yahoo; demo = synthetic offline data)
  --no-cache          do not read or write the disk cache of histories
  --stats             print data counters to stderr

Exit status: 0 every cell computed, 1 some cells hold errors (the file is written all the same),
2 usage error (nothing written).`;

const PERIOD = /^(YTD|MTD|QTD|\d{1,4}[DWMY])$/i;

function presetNamed(name: string): Basket | null {
  return PRESET_BASKETS.find((basket) => basket.name.toLowerCase() === name.toLowerCase()) ?? null;
}

function basketOf(defined: DefinedBasket): Basket {
  return { name: defined.name, label: defined.name, tickers: defined.tickers, preset: false };
}

interface ReportPlan {
  readonly sectorTables: SectorTableRequest[];
  readonly rotation: RotationViewRequest | null;
}

function plan(values: Record<string, string | string[] | boolean | undefined>): ReportPlan {
  const defined: DefinedBasket[] = [];
  const tableBaskets: Basket[] = [];
  for (const option of (values.basket as string[]) ?? []) {
    if (!option.includes("=")) {
      const preset =
        presetNamed(option.trim()) ?? defined.map(basketOf).find((b) => b.name.toLowerCase() === option.trim().toLowerCase()) ?? null;
      if (preset === null)
        throw new UsageError(
          `--basket ${option}: no preset of that name (presets: ${PRESET_BASKETS.map((b) => b.name).join(", ")}); define one with --basket ${option}=T1,T2`,
        );
      tableBaskets.push(preset);
      continue;
    }
    const basket = parseBasketOption(option, defined);
    if ("problem" in basket) throw new UsageError(basket.problem);
    defined.push(basket);
    tableBaskets.push(basketOf(basket));
  }
  if (typeof values.tickers === "string") {
    const basket = parseBasketOption(`Tickers=${values.tickers}`, defined);
    if ("problem" in basket) throw new UsageError(basket.problem.replace("--basket Tickers", "--tickers"));
    defined.push(basket);
    tableBaskets.push(basketOf(basket));
  }
  const known = (name: string): Basket | null =>
    defined.map(basketOf).find((b) => b.name.toLowerCase() === name.toLowerCase()) ?? presetNamed(name);
  const benchmarkText = typeof values.benchmark === "string" ? values.benchmark.trim() : "SPY";
  let benchmark: Benchmark;
  const benchmarkBasket = known(benchmarkText);
  if (benchmarkBasket !== null) benchmark = { kind: "basket", basket: benchmarkBasket };
  else {
    try {
      benchmark = { kind: "ticker", ticker: parseTicker(benchmarkText) };
    } catch (error) {
      throw new UsageError(`--benchmark ${benchmarkText}: ${(error as Error).message}`);
    }
  }
  const metricsText = typeof values.metrics === "string" ? values.metrics : "all";
  const metrics = parseMetrics(metricsText);
  const period = typeof values.period === "string" ? values.period.trim().toUpperCase() : "YTD";
  if (!PERIOD.test(period)) throw new UsageError(`--period ${period}: use YTD, MTD, QTD or a span such as 3M, 1Y`);
  const sectorTables = tableBaskets.map((basket) => ({
    basket,
    metrics: SECTOR_METRICS.filter((m) => metrics.includes(m)),
    benchmark,
    summaryPeriod: period,
  }));
  let rotation: RotationViewRequest | null = null;
  if (typeof values.rotation === "string") {
    const baskets = values.rotation
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "")
      .map((name) => {
        const basket = known(name);
        if (basket === null)
          throw new UsageError(`--rotation: no basket ${name}; use a preset's name or define it with --basket ${name}=T1,T2`);
        return basket;
      });
    if (baskets.length === 0) throw new UsageError("--rotation: name at least one basket");
    const span = typeof values.span === "string" ? values.span.trim().toUpperCase() : "1Y";
    rotation = { baskets, benchmark, periods: [...ROTATION_PERIODS], chartSpan: span };
  }
  if (sectorTables.length === 0 && rotation === null) throw new UsageError("nothing to report: give --basket, --tickers or --rotation");
  return { sectorTables, rotation };
}

export async function reportCommand(argv: string[], io: Streams, now: () => Date = () => new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: false,
      options: {
        output: { type: "string", short: "o" },
        provider: { type: "string", default: "yahoo" },
        basket: { type: "string", multiple: true, default: [] },
        tickers: { type: "string" },
        benchmark: { type: "string" },
        metrics: { type: "string" },
        period: { type: "string" },
        rotation: { type: "string" },
        span: { type: "string" },
        "no-cache": { type: "boolean", default: false },
        stats: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    io.err(`mkt report: ${(error as Error).message}\n\n${REPORT_USAGE}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    io.out(REPORT_USAGE);
    return 0;
  }
  if (values.output === undefined || !/\.xlsx$/i.test(values.output)) {
    io.err(`mkt report: give the workbook to write with -o REPORT.xlsx\n\n${REPORT_USAGE}`);
    return 2;
  }
  if (!isProviderName(values.provider)) {
    io.err(`mkt report: unknown provider ${JSON.stringify(values.provider)}; use one of ${PROVIDER_NAMES.join(", ")}`);
    return 2;
  }
  const at = now();
  let request: ReportPlan;
  let dates: number[] = [];
  try {
    request = plan(values);
    if (request.rotation !== null) {
      try {
        dates = weeklyDates(request.rotation.chartSpan, at);
      } catch (error) {
        throw new UsageError(`--span: ${(error as Error).message}`);
      }
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mkt report: ${error.message}`);
    return 2;
  }
  const demo = values.provider === "demo";
  if (demo) io.err("mkt report: demo provider: synthetic prices and fundamentals, not market data");
  const { store } = useCliDataSource(values.provider, { noCache: values["no-cache"] });
  const book = composeReport({ ...request, rotationDates: dates, demo });
  const calculated = await calculateReport(book, at);
  const { files, workbookPath } = writeBook(book, { title: "Rotation Desk report", created: at });
  const status = statusText({
    mktCells: calculated.formulaCells,
    recomputed: calculated.formulaCells,
    spilledCells: 0,
    problems: calculated.problems,
  });
  const workbookXml = new TextDecoder().decode(files[workbookPath] as Uint8Array);
  files[workbookPath] = strToU8(
    updateWorkbookXml(workbookXml, { refreshedAt: isoWithOffset(at), provider: providerDescription(values.provider), status }),
  );
  try {
    writeFileAtomically(values.output, zipBook(files));
  } catch (error) {
    io.err(`mkt report: cannot write ${values.output}: ${(error as Error).message}`);
    return 2;
  }
  await store.flush();
  io.err(
    `mkt report: wrote ${values.output}: ${book.sheets.map((sheet) => sheet.name).join(", ")}; ${calculated.formulaCells} MKT cells computed` +
      (calculated.problems.length === 0 ? "" : `, ${calculated.problems.length} with errors`),
  );
  for (const problem of calculated.problems.slice(0, 20)) io.err(`  ${problem.cell} ${problem.code} ${problem.message}`);
  if (values.stats) io.err(formatStats(store.stats()));
  return calculated.problems.length > 0 ? 1 : 0;
}

const METRIC_GROUPS: Readonly<Record<string, readonly SectorMetric[]>> = {
  all: ALL_METRICS,
  valuation: VALUATION_METRICS,
  live: LIVE_METRICS,
};

/** `--metrics`: column names and groups (all, valuation, live), any case, comma-separated. */
function parseMetrics(text: string): SectorMetric[] {
  return text.split(",").flatMap((word) => {
    const wanted = word.trim().toLowerCase();
    const group = METRIC_GROUPS[wanted];
    if (group !== undefined) return [...group];
    const metric = SECTOR_METRICS.find((candidate) => candidate.toLowerCase() === wanted);
    if (metric === undefined) {
      throw new UsageError(
        `--metrics: unknown metric ${JSON.stringify(word.trim())}; use ${SECTOR_METRICS.join(", ")}, or all, valuation, live`,
      );
    }
    return [metric];
  });
}
