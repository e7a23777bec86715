import { DemoProvider } from "./demo";
import { Env, processEnv } from "./env";
import { HistoryProvider } from "./types";
import { YahooProvider, yahooBaseUrl } from "./yahoo";

export type ProviderName = "yahoo" | "demo";

export const PROVIDER_NAMES: readonly ProviderName[] = ["yahoo", "demo"];

const LABELS: Record<ProviderName, string> = { yahoo: "Yahoo Finance", demo: "Demo (synthetic data)" };

/** For people: "Yahoo Finance". */
export function providerLabel(name: ProviderName): string {
  return LABELS[name];
}

export function isProviderName(x: unknown): x is ProviderName {
  return typeof x === "string" && (PROVIDER_NAMES as readonly string[]).includes(x);
}

/** A provider that calls upstream directly: for Node (server, CLI, tests), not for Excel. */
export function createDirectProvider(name: ProviderName, env: Env = processEnv()): HistoryProvider {
  switch (name) {
    case "yahoo":
      return new YahooProvider({ baseUrl: yahooBaseUrl(env) });
    case "demo":
      return new DemoProvider();
  }
}
