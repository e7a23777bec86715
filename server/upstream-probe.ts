import {
  baseUrlEnvName,
  createUnlimitedProvider,
  type Env,
  formatSeconds,
  MarketDataError,
  messageOf,
  parseTicker,
  processEnv,
  providerLabel,
  type ProviderName,
} from "../src/market";

/** The provider `npm start` probes: the default one, which needs no key. */
export const PROBED_PROVIDER = "yahoo" satisfies ProviderName;
/** Short: a machine without internet access should know within seconds, and the probe never delays listening. */
export const DEFAULT_PROBE_TIMEOUT_MS = 3_000;
/** A liquid symbol every Yahoo mirror has; only the last couple of weeks are asked for, so the answer is small. */
const PROBE_TICKER = parseTicker("SPY");
const PROBE_DAYS = 14;
const MAX_MESSAGE_LENGTH = 200;

/**
 * `upstream` in GET /api/health: whether this server reached the default provider at start-up.
 * All three of reachable, message and checkedAt are null until the probe has finished.
 */
export interface UpstreamStatus {
  provider: typeof PROBED_PROVIDER;
  /** true when one small history request through the server's own Yahoo provider returned an answer in Yahoo's format. */
  reachable: boolean | null;
  /** "answered in 412 ms", or why not: "host name not found", "no answer within 3 s", "Yahoo is rate-limiting requests (HTTP 429): …". */
  message: string | null;
  /** When the probe finished (ms since 1970), or null. */
  checkedAt: number | null;
}

/** Where the probe went, for the start-up banner. */
export interface ProbeTarget {
  /** "Yahoo Finance" */
  label: string;
  /** "MKT_YAHOO_URL" */
  urlEnvName: string;
  /** The MKT_YAHOO_URL value, or null for the public host. */
  configuredUrl: string | null;
  timeoutMs: number;
}

/**
 * How the probe ended, beyond the health fields: `answered` is false when nothing came back at all
 * (no such host, refused, timed out), true when the host answered (with data, or with an error).
 */
export interface ProbeOutcome {
  status: UpstreamStatus;
  answered: boolean | null;
}

export interface UpstreamProbe {
  readonly target: ProbeTarget;
  /** The latest outcome: unchecked until run() has settled. */
  outcome(): ProbeOutcome;
  /** Probes once (later calls return the same promise); never rejects. */
  run(): Promise<ProbeOutcome>;
}

export interface YahooProbeOptions {
  /** MKT_YAHOO_URL is read from here, as the server's providers read it (default process.env). */
  env?: Env;
  /** Default 3 s. */
  timeoutMs?: number;
  now?: () => number;
}

export function uncheckedStatus(): UpstreamStatus {
  return { provider: PROBED_PROVIDER, reachable: null, message: null, checkedAt: null };
}

/** The network part of fetchText's "Could not reach Yahoo for SPY: host name not found". */
const UNREACHED = /^Could not reach .+? for \S+: (.+)$/s;
const TIMED_OUT = /did not answer within/;

function shorten(text: string): string {
  const line = text.split("\n")[0].trim();
  return line.length > MAX_MESSAGE_LENGTH ? `${line.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : line;
}

/**
 * One request to the default provider, made the way the server makes them: the same provider code
 * and base URL (MKT_YAHOO_URL respected), with a short time limit and no retries or rate limits.
 */
export function createYahooProbe(options: YahooProbeOptions = {}): UpstreamProbe {
  const env = options.env ?? processEnv();
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const urlEnvName = baseUrlEnvName(PROBED_PROVIDER);
  const configured = env[urlEnvName]?.trim() ?? "";
  const target: ProbeTarget = {
    label: providerLabel(PROBED_PROVIDER),
    urlEnvName,
    configuredUrl: configured === "" ? null : configured,
    timeoutMs,
  };

  let current: ProbeOutcome = { status: uncheckedStatus(), answered: null };
  let running: Promise<ProbeOutcome> | null = null;

  const finish = (reachable: boolean, answered: boolean, message: string): ProbeOutcome => {
    current = { status: { provider: PROBED_PROVIDER, reachable, message: shorten(message), checkedAt: now() }, answered };
    return current;
  };

  const probe = async (): Promise<ProbeOutcome> => {
    const started = now();
    try {
      // Created here, not above: a malformed MKT_YAHOO_URL is a failed probe, not a crash.
      const provider = createUnlimitedProvider(PROBED_PROVIDER, env, null, timeoutMs);
      const since = Math.floor(now() / 86_400_000) - PROBE_DAYS;
      await provider.fetchHistory(PROBE_TICKER, { since });
      return finish(true, true, `answered in ${now() - started} ms`);
    } catch (error) {
      const message = messageOf(error);
      if (error instanceof MarketDataError && (error.kind === "unknown-symbol" || error.kind === "no-data")) {
        // A well-formed Yahoo answer that just lacks the probe's symbol: the host speaks Yahoo's API.
        return finish(true, true, `answered in ${now() - started} ms (no data for ${PROBE_TICKER})`);
      }
      if (TIMED_OUT.test(message)) return finish(false, false, `no answer within ${formatSeconds(timeoutMs)}`);
      const unreached = UNREACHED.exec(message);
      if (unreached) return finish(false, false, unreached[1]);
      if (error instanceof MarketDataError) return finish(false, true, message.replace(` for ${PROBE_TICKER}`, ""));
      return finish(false, false, message);
    }
  };

  return {
    target,
    outcome: () => current,
    run: () => (running ??= probe()),
  };
}
