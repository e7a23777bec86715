import { ENVIRONMENT_KEY_ADVICE, isProviderName, planFromEnv, PlanSettingError, PROVIDER_NAMES } from "../src/market";
import type { Env, PlanChoice, ProviderContext, ProviderName } from "../src/market";
import { Streams, UsageError } from "./workbook/streams";

/**
 * What the providers' messages say in a terminal: keys come from the analyst's own environment, and
 * when a provider's host is not found (offline), the demo provider still answers.
 */
export const CLI_PROVIDER_CONTEXT: ProviderContext = {
  keyAdvice: ENVIRONMENT_KEY_ADVICE,
  hostNotFoundHint: "offline? try --provider demo",
};

/**
 * What `parse()` (parseArgs) read from `command`'s arguments, or the exit status when there is
 * nothing to run: 2 with the error and `usage` on stderr when it throws, 0 with `usage` on stdout for --help.
 */
export function commandLine<T extends { readonly values: { readonly help?: boolean } }>(
  command: string,
  usage: string,
  io: Streams,
  parse: () => T,
): T | number {
  let parsed: T;
  try {
    parsed = parse();
  } catch (error) {
    io.err(`${command}: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.out(usage);
    return 0;
  }
  return parsed;
}

/** Whether --provider `name` is a provider; when not, `command` says so on stderr. */
export function knownProvider(command: string, name: string, io: Streams): name is ProviderName {
  if (isProviderName(name)) return true;
  io.err(`${command}: unknown provider ${JSON.stringify(name)}; use one of ${PROVIDER_NAMES.join(", ")}`);
  return false;
}

/** The plan to keep to: --plan, else MKT_<PROVIDER>_PLAN and the numbers beside it; a UsageError naming the wrong one. */
export function chosenPlan(provider: ProviderName, option: string | undefined, env: Env): PlanChoice | undefined {
  if (provider === "demo") return undefined;
  try {
    return planFromEnv(provider, env, option === undefined ? undefined : { setting: "--plan", value: option });
  } catch (error) {
    if (error instanceof PlanSettingError) throw new UsageError(error.message);
    throw error;
  }
}
