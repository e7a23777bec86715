import { AddinSettings, takesPlan } from "../../../addin";
import { API_KEY_HEADER, historyPath, PLAN_HEADER, providerLabel } from "../../../market";

/** A ticker every provider knows, asked for once to prove the whole path works. */
export const PROBE_SYMBOL = "SPY";
const TIMEOUT_MS = 15_000;

/** The settings field a failure is about (the key or its plan), so the form can show it there. */
export type SettingsField = "apiKey" | "plan";

export interface ConnectionResult {
  readonly ok: boolean;
  /** Which step: "Data server", "Provider", … */
  readonly step: string;
  readonly message: string;
  /** The field the failure is about (shown next to it), when it is about one. */
  readonly field?: SettingsField;
}

export interface ConnectionTestDeps {
  readonly fetch: typeof fetch;
  /** The origin that served the add-in: the data server when settings name none. */
  readonly pageOrigin: string;
  readonly timeoutMs?: number;
}

/** The address the add-in uses, or a message saying what is wrong with the typed one. */
export function serverAddress(
  settings: Pick<AddinSettings, "serverUrl">,
  pageOrigin: string,
): { ok: true; url: string } | { ok: false; message: string } {
  const text = settings.serverUrl ?? pageOrigin;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: `"${text}" is not a web address; use e.g. https://localhost:3000` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: `The data server address must start with https:// (got ${url.protocol})` };
  }
  return { ok: true, url: url.href.replace(/\/+$/, "") };
}

function failed(step: string, message: string, field?: SettingsField): ConnectionResult {
  return field === undefined ? { ok: false, step, message } : { ok: false, step, message, field };
}

async function get(deps: ConnectionTestDeps, url: string, headers: Record<string, string>): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? TIMEOUT_MS);
  try {
    return await deps.fetch(url, { headers: { accept: "application/json", ...headers }, signal: controller.signal, cache: "no-store" });
  } finally {
    clearTimeout(timer);
  }
}

function unreachable(server: string, error: unknown, pageOrigin: string, timeoutMs: number): string {
  if (error instanceof Error && error.name === "AbortError")
    return `The data server at ${server} did not answer within ${timeoutMs / 1000} s.`;
  if (pageOrigin.startsWith("https:") && server.startsWith("http:")) {
    return `The browser blocks plain http:// requests from this https:// page; give the server's https:// address.`;
  }
  // Browsers report refused connections, unknown hosts and untrusted certificates alike.
  const certificate = server.startsWith("https:")
    ? ` If it runs with a self-signed certificate, this computer must trust it: open ${server}/api/health in a browser to see.`
    : "";
  return `Cannot reach the data server at ${server}: it is not running, the address is wrong, or the connection was refused.${certificate}`;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

const PROVIDER_FAILURES: Record<string, string> = {
  "invalid-key": "The API key was refused",
  "plan-limit": "The API key's plan does not cover this request",
  "rate-limited": "The request was refused by the plan's limits",
  unavailable: "The server works, but the provider is unavailable",
  "bad-response": "The provider answered something the server cannot read",
};

/**
 * Tests the path a cell's data takes: GET {server}/api/health, then one history request through
 * the relay with the analyst's key and its plan (x-mkt-plan). The result names the step that failed
 * and why, and the field it is about: the key, or its plan (a plan the data server does not know for
 * the provider is a 400; a refusal by the plan's limits is about the plan too).
 */
export async function testConnection(settings: AddinSettings, deps: ConnectionTestDeps): Promise<ConnectionResult> {
  const label = providerLabel(settings.provider);
  if (settings.provider === "demo") {
    return { ok: true, step: "Provider", message: "Demo data is generated inside the add-in: no server or key needed." };
  }
  const address = serverAddress(settings, deps.pageOrigin);
  if (!address.ok) return failed("Data server address", address.message);
  const server = address.url;
  const timeoutMs = deps.timeoutMs ?? TIMEOUT_MS;

  let health: Response;
  try {
    health = await get(deps, `${server}/api/health`, {});
  } catch (error) {
    return failed("Data server", unreachable(server, error, deps.pageOrigin, timeoutMs));
  }
  const healthBody = await readJson(health);
  if (!health.ok || field(healthBody, "ok") !== true) {
    return failed("Data server", `${server} answered HTTP ${health.status} to /api/health: it is not a Rotation Desk data server.`);
  }
  const providers = field(healthBody, "providers");
  if (Array.isArray(providers) && !providers.includes(settings.provider)) {
    return failed("Provider", `The data server does not relay ${label}; it relays ${providers.join(", ")}.`);
  }

  let history: Response;
  try {
    history = await get(deps, server + historyPath(settings.provider, PROBE_SYMBOL), keyHeaders(settings));
  } catch (error) {
    return failed("Data server", unreachable(server, error, deps.pageOrigin, timeoutMs));
  }
  const body = await readJson(history);
  if (history.ok) {
    const days = field(body, "days");
    const count = Array.isArray(days) ? days.length : 0;
    return { ok: true, step: "Provider", message: `Connected: ${label} sent ${count} daily prices for ${PROBE_SYMBOL} through ${server}.` };
  }
  const kind = field(body, "error");
  const detail = field(body, "message");
  const ownPlan = settings.apiKey !== null && takesPlan(settings.provider);
  if (kind === "bad-request" && typeof detail === "string" && detail.includes(PLAN_HEADER)) {
    return failed("Plan", `The data server refused the plan: ${detail}`, "plan");
  }
  const reason = typeof kind === "string" ? PROVIDER_FAILURES[kind] : undefined;
  const text = [reason ?? `${label} request failed (HTTP ${history.status})`, typeof detail === "string" ? detail : null]
    .filter((part): part is string => part !== null)
    .join(": ");
  if (kind === "invalid-key") return failed("API key", text, "apiKey");
  if (kind === "plan-limit") return ownPlan ? failed("Plan", text, "plan") : failed("API key", text);
  if (kind === "rate-limited" && ownPlan) return failed("Plan", text, "plan");
  return failed("Provider", text);
}

/** The analyst's key, with its plan for a provider that takes keys; nothing for the team key. */
function keyHeaders(settings: AddinSettings): Record<string, string> {
  if (settings.apiKey === null) return {};
  const headers: Record<string, string> = { [API_KEY_HEADER]: settings.apiKey };
  if (takesPlan(settings.provider)) headers[PLAN_HEADER] = settings.plan;
  return headers;
}
