import type { AddinSettings } from "../../../addin";
import { serverAddress } from "./connection-test";

/** What the data server says about its default provider (GET /api/health, field `upstream`). */
export interface UpstreamHealth {
  readonly provider: string;
  /** null: not checked yet. */
  readonly reachable: boolean | null;
  readonly message: string | null;
  /** When the server last checked (ms), or null. */
  readonly checkedAt: number | null;
}

const HEALTH_TIMEOUT_MS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The `upstream` field of a health answer; null when it is missing or malformed (unknown: no notice). */
export function upstreamOf(body: unknown): UpstreamHealth | null {
  const upstream = isRecord(body) ? body.upstream : undefined;
  if (!isRecord(upstream) || typeof upstream.provider !== "string") return null;
  const reachable = typeof upstream.reachable === "boolean" ? upstream.reachable : null;
  const message = typeof upstream.message === "string" && upstream.message.trim() !== "" ? upstream.message : null;
  const checkedAt = typeof upstream.checkedAt === "number" && Number.isFinite(upstream.checkedAt) ? upstream.checkedAt : null;
  return { provider: upstream.provider, reachable, message, checkedAt };
}

/** The provider the settings use is known to be unreachable from the data server. */
export function upstreamDown(health: UpstreamHealth | null, settings: AddinSettings): health is UpstreamHealth {
  return health !== null && health.reachable === false && settings.provider !== "demo" && health.provider === settings.provider;
}

export interface HealthDeps {
  readonly fetch: typeof fetch;
  readonly pageOrigin: string;
  readonly timeoutMs?: number;
}

/**
 * Asks the data server the settings name how its upstream is doing. Anything that goes wrong
 * (no server, no answer, an older server without the field) is "unknown": null. Saying why the
 * server itself cannot be reached is Test connection's job.
 */
export async function readUpstreamHealth(settings: AddinSettings, deps: HealthDeps): Promise<UpstreamHealth | null> {
  if (settings.provider === "demo") return null;
  const address = serverAddress(settings, deps.pageOrigin);
  if (!address.ok) return null;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deps.timeoutMs ?? HEALTH_TIMEOUT_MS);
  try {
    const response = await deps.fetch(`${address.url}/api/health`, {
      headers: { accept: "application/json" },
      cache: "no-store",
      signal: controller.signal,
    });
    if (!response.ok) return null;
    return upstreamOf(await response.json());
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}
