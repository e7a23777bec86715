import { apiKeyEnvName, redactSecrets } from "../src/market";
import type { Env } from "../src/market";

/** The team keys this server holds: MKT_<NAME>_KEY for each provider it relays. */
export function teamKeys(env: Env, providerNames: readonly string[]): string[] {
  return providerNames.map((name) => env[apiKeyEnvName(name)]?.trim() ?? "").filter((key) => key !== "");
}

/**
 * The secrets this server must never write into a log line or an answer: the team keys, always,
 * and an analyst's key only where their own request is concerned. Analysts' keys reach here only
 * once checked against their provider's documented format (at least 16 letters, digits, _ or -),
 * so a "key" such as `"` or `e` can never be redacted out of other text and break its JSON.
 * Redaction covers the raw, URL-encoded and JSON-escaped forms (a key can reach text inside a
 * URL or inside serialized JSON).
 */
export class KnownSecrets {
  private readonly teamForms: readonly string[];
  /** Analysts' keys of requests in progress, with how many such requests use each. */
  private readonly inUse = new Map<string, number>();
  private logForms: string[] | null = null;

  constructor(teamKeyValues: readonly string[]) {
    this.teamForms = teamKeyValues.flatMap((secret) => [secret, jsonEscaped(secret)]);
  }

  /**
   * A request carrying an analyst's (validated) key has started: log lines written until `release`
   * is called have that key scrubbed too. Returns `release`; calling it more than once is harmless.
   */
  hold(key: string): () => void {
    this.inUse.set(key, (this.inUse.get(key) ?? 0) + 1);
    this.logForms = null;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const count = (this.inUse.get(key) ?? 1) - 1;
      if (count > 0) this.inUse.set(key, count);
      else this.inUse.delete(key);
      this.logForms = null;
    };
  }

  /** `text` (an answer) with the team keys and `requestKey` (that request's own key) replaced by "[redacted]". */
  redact(text: string, requestKey: string | null = null): string {
    return redactSecrets(text, requestKey === null ? this.teamForms : [...this.teamForms, requestKey, jsonEscaped(requestKey)]);
  }

  /** `line` (a finished log line) with the team keys and the keys of requests in progress replaced. */
  redactLogLine(line: string): string {
    if (this.logForms === null) this.logForms = [...this.teamForms, ...[...this.inUse.keys()].flatMap((key) => [key, jsonEscaped(key)])];
    return redactSecrets(line, this.logForms);
  }

  /** How many distinct analysts' keys are held (tests). */
  heldKeyCount(): number {
    return this.inUse.size;
  }
}

function jsonEscaped(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}
