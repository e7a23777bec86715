import { apiKeyEnvName, redactSecrets } from "../src/market";
import type { Env } from "../src/market";

/** How many analysts' keys are remembered for redaction (the most recently seen). */
const REMEMBERED_KEYS = 64;

/** The team keys this server holds: MKT_<NAME>_KEY for each provider it relays. */
export function teamKeys(env: Env, providerNames: readonly string[]): string[] {
  return providerNames.map((name) => env[apiKeyEnvName(name)]?.trim() ?? "").filter((key) => key !== "");
}

/**
 * The secrets this server must never write into a log line or an answer: the team keys and the
 * analysts' keys it has recently been sent. Redaction covers the raw, URL-encoded and
 * JSON-escaped forms (a key can reach text inside a URL or inside serialized JSON).
 */
export class KnownSecrets {
  private readonly team: readonly string[];
  private readonly recent = new Set<string>();
  private forms: string[] | null = null;

  constructor(teamKeyValues: readonly string[]) {
    this.team = teamKeyValues;
  }

  /** An analyst's key arrived with a request. */
  remember(key: string): void {
    if (this.recent.has(key)) {
      this.recent.delete(key); // re-inserted below as the most recent
    } else {
      this.forms = null;
      if (this.recent.size >= REMEMBERED_KEYS) this.recent.delete(this.recent.values().next().value as string);
    }
    this.recent.add(key);
  }

  /** `text` with every known secret (and `extra`, e.g. this request's key) replaced by "[redacted]". */
  redact(text: string, extra: string | null = null): string {
    const forms = this.allForms();
    return redactSecrets(text, extra === null ? forms : [...forms, extra, jsonEscaped(extra)]);
  }

  private allForms(): string[] {
    if (this.forms === null) {
      this.forms = [...this.team, ...this.recent].flatMap((secret) => [secret, jsonEscaped(secret)]);
    }
    return this.forms;
  }
}

function jsonEscaped(secret: string): string {
  return JSON.stringify(secret).slice(1, -1);
}
