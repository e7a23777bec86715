import { parseArgs } from "node:util";
import { directQuoteSource, useQuoteSource } from "../src/addin";
import type { DirectQuoteSource } from "../src/addin";
import { dayToIso, serialToDay, streamQuote } from "../src/functions";
import type { FormulaError } from "../src/functions";
import { createDirectQuoteProvider, DEFAULT_QUOTE_INTERVAL_SECONDS, processEnv, PROVIDER_NAMES } from "../src/market";
import type { Clock, Env, PlanChoice, ProviderName, QuoteProvider } from "../src/market";
import { chosenPlan, CLI_PROVIDER_CONTEXT, commandLine, knownProvider } from "./command-line";
import { FormulaSyntaxError, NameReference, parseFormula } from "./formula-parser";
import type { ParsedArg } from "./formula-parser";
import { UsageError } from "./workbook/streams";

export const WATCH_USAGE = `Usage: mkt watch [--json] [--provider ${PROVIDER_NAMES.join("|")}] [--plan TIER] [--interval SECONDS] FORMULA...

Prints a line each time a live quote changes, until Ctrl-C, e.g.
  mkt watch 'QUOTE("IWM")' 'QUOTE("QQQ","change_pct")'

Quotes are polled every interval during US regular hours (9:30-16:00 New York time), once after the
close, and not at all while the market is closed; each ticker once per interval however many formulas
show it, in the provider's batches.

  --json              one JSON object a line: {"at", "formula", "value"} or {"at", "formula", "error", "message"}
  --provider NAME     data source (default yahoo; demo = synthetic quotes, offline)
  --plan TIER         your plan with the provider (default MKT_<PROVIDER>_PLAN, else free)
  --interval SECONDS  between polls during regular hours (default MKT_QUOTE_INTERVAL_SECONDS, else ${DEFAULT_QUOTE_INTERVAL_SECONDS});
                      never faster than half the plan allows
  -h, --help          show this help

Exit status: 0 stopped with Ctrl-C, 1 no formula could be watched, 2 usage error.`;

export interface WatchStreams {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What tests swap: the environment, the market clock, the provider and how the watch is stopped. */
export interface WatchDependencies {
  readonly env?: Env;
  readonly clock?: Clock;
  /** Stops the watch (default: SIGINT or SIGTERM). */
  readonly stop?: AbortSignal;
  readonly createProvider?: (name: ProviderName, env: Env, plan: PlanChoice | undefined) => QuoteProvider;
}

/** The arguments of one `QUOTE(ticker[, field])` formula; a UsageError for anything else. */
export function quoteFormulaArgs(text: string): ParsedArg[] {
  let parsed;
  try {
    parsed = parseFormula(text);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) throw new UsageError(`cannot read ${JSON.stringify(text)}: ${error.message}`);
    throw error;
  }
  if (parsed.name !== "QUOTE") throw new UsageError(`mkt watch watches QUOTE formulas, not ${parsed.name} (${text})`);
  if (parsed.args.length > 2) throw new UsageError(`QUOTE takes at most 2 arguments (ticker, field), got ${parsed.args.length} in ${text}`);
  const name = parsed.args.find((arg) => arg instanceof NameReference);
  if (name instanceof NameReference) throw new UsageError(`QUOTE takes a ticker in quotes, not the name ${name.name} (${text})`);
  return parsed.args;
}

function intervalSeconds(option: string | undefined, env: Env): number {
  const raw = option ?? env.MKT_QUOTE_INTERVAL_SECONDS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_QUOTE_INTERVAL_SECONDS;
  const seconds = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || seconds < 1 || seconds > 3_600) {
    throw new UsageError(`--interval ${JSON.stringify(raw)}: give whole seconds from 1 to 3600`);
  }
  return seconds;
}

/** A quote time (an Excel serial of New York time) as "2026-01-02 15:59:58 ET". */
export function marketTimeText(serial: number): string {
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  const day = serialToDay(serial) + Math.floor(seconds / 86_400);
  const s = seconds % 86_400;
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${dayToIso(day)} ${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)} ET`;
}

function isTimeField(args: readonly ParsedArg[]): boolean {
  const field = args[1];
  return typeof field === "string" && field.trim().toLowerCase() === "time";
}

function stopSignal(given: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  if (given !== undefined) return { signal: given, release: () => undefined };
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    },
  };
}

/** `mkt watch FORMULA…`: a line per changed value until stopped; resolves with the exit status. */
export async function runWatch(argv: string[], io: WatchStreams, deps: WatchDependencies = {}): Promise<number> {
  const env = deps.env ?? processEnv();
  const parsed = commandLine("mkt watch", WATCH_USAGE, io, () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        provider: { type: "string", default: "yahoo" },
        plan: { type: "string" },
        interval: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }),
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  if (positionals.length === 0) {
    io.err(`mkt watch: give at least one QUOTE formula\n\n${WATCH_USAGE}`);
    return 2;
  }
  const providerName = values.provider;
  if (!knownProvider("mkt watch", providerName, io)) return 2;
  let formulas: { text: string; args: ParsedArg[] }[];
  let interval: number;
  let plan: PlanChoice | undefined;
  try {
    formulas = positionals.map((text) => ({ text, args: quoteFormulaArgs(text) }));
    interval = intervalSeconds(values.interval, env);
    plan = chosenPlan(providerName, values.plan, env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mkt watch: ${error.message}`);
    return 2;
  }
  if (providerName === "demo") io.err("mkt watch: demo provider: synthetic quotes, not market data");

  const provider = (
    deps.createProvider ?? ((name, e, p) => createDirectQuoteProvider(name, e, null, CLI_PROVIDER_CONTEXT, { plan: p, clock: deps.clock }))
  )(providerName, env, plan);
  const source: DirectQuoteSource = directQuoteSource(provider, {
    intervalMs: interval * 1000,
    limits: plan?.limits ?? null,
    clock: deps.clock,
  });
  useQuoteSource(source);
  const now = (): number => deps.clock?.now() ?? Date.now();
  const print = (text: string, result: { value: number } | { error: FormulaError }, time: boolean): void => {
    const at = now();
    if (values.json) {
      const line = "value" in result ? { value: result.value } : { error: result.error.code, message: result.error.message };
      io.out(JSON.stringify({ at: new Date(at).toISOString(), formula: text, ...line }));
      return;
    }
    const shown =
      "value" in result ? (time ? marketTimeText(result.value) : String(result.value)) : `${result.error.code} ${result.error.message}`;
    io.out(`${new Date(at).toLocaleTimeString("en-GB", { hour12: false })}\t${text}\t${shown}`);
  };

  const { signal, release } = stopSignal(deps.stop);
  let watching = 0;
  const cancels = formulas.map(({ text, args }) => {
    let refused = false;
    const cancel = streamQuote(args[0] ?? null, args[1] ?? null, {
      setResult: (value) => print(text, { value }, isTimeField(args)),
      fail: (error) => {
        if (error.code === "#VALUE!") refused = true;
        print(text, { error }, false);
      },
    });
    if (!refused) watching++;
    return cancel;
  });
  if (watching > 0 && !signal.aborted) {
    await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
  }
  for (const cancel of cancels) cancel();
  source.close();
  useQuoteSource(null);
  release();
  return watching > 0 ? 0 : 1;
}
