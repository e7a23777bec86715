import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { defaultAllowedHosts, isHostName, normalizeHostName } from "./allowed-hosts";
import { checkPlanSettings, DEFAULT_QUOTE_INTERVAL_SECONDS, PlanSettingError } from "../src/market";
import { DEFAULT_CACHE_SECONDS } from "./cache-expiry";
import { DEFAULT_MEMORY_CACHE_MB } from "./memory-budget";
import { DEFAULT_RATE_LIMIT_PER_MINUTE } from "./rate-limit";

/** The server's settings, read from the environment by `readConfig`. */
export interface ServerConfig {
  /** Interface to listen on (`HOST`, default localhost). */
  host: string;
  /** TCP port (`PORT`, default 3000; 0 picks a free one). */
  port: number;
  /** "http" only when `MKT_HTTP` is set (tests, or behind an HTTPS proxy). */
  protocol: "https" | "http";
  /** Certificate and key files (`MKT_TLS_CERT`, `MKT_TLS_KEY`), or null for the generated pair. */
  tlsFiles: { certPath: string; keyPath: string } | null;
  /** Where the generated self-signed pair is kept (`MKT_CERT_DIR`, default `<repo>/.certs`). */
  certDir: string;
  /** The built add-in (`MKT_STATIC_DIR`, default `<repo>/dist`). */
  staticDir: string;
  /** Seconds between emptying the shared history caches (`MKT_CACHE_SECONDS`, default 900; 0 = never). */
  cacheSeconds: number;
  /** pino level for the server log (`MKT_LOG_LEVEL`, default warn). */
  logLevel: string;
  /** Origins besides the server's own that may call /api/ from a browser (`MKT_ALLOWED_ORIGINS`, comma-separated). */
  allowedOrigins: string[];
  /** /api/ requests per minute per client address (`MKT_RATE_LIMIT_PER_MINUTE`, default 600; 0 = no limit). */
  rateLimitPerMinute: number;
  /** Shared series cache (`REDIS_URL`), or null for memory only. */
  redisUrl: string | null;
  /** Host names the server answers for (`MKT_ALLOWED_HOSTS`; default localhost, 127.0.0.1, ::1 and HOST). */
  allowedHosts: string[];
  /** Proxies whose X-Forwarded-For is honoured (`MKT_TRUST_PROXY`, addresses or CIDRs; default none). */
  trustProxy: string[];
  /** Megabytes of histories kept in memory (`MKT_MEMORY_CACHE_MB`, default 256). */
  memoryCacheMb: number;
  /** Seconds between live-quote polls in US regular hours (`MKT_QUOTE_INTERVAL_SECONDS`, default 15; longer where a plan needs it). */
  quoteIntervalSeconds: number;
  repoRoot: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

const PACKAGE_NAME = "rotation-desk";
const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * The checkout's root: the nearest folder above `from` whose package.json is this project's.
 * Works from the sources (server/) and from the compiled entry (dist/node/server/).
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        // not ours; keep looking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

function parseWholeNumber(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max) {
    throw new ConfigError(`${name} must be a whole number from 0 to ${max}, not "${raw}"`);
  }
  return value;
}

function parseFlag(name: string, raw: string | undefined): boolean {
  const value = (raw ?? "").trim().toLowerCase();
  if (["", "0", "false", "no", "off"].includes(value)) return false;
  if (["1", "true", "yes", "on"].includes(value)) return true;
  throw new ConfigError(`${name} must be 1 or 0, not "${raw}"`);
}

function optionalPath(raw: string | undefined, cwd: string): string | null {
  return raw === undefined || raw.trim() === "" ? null : path.resolve(cwd, raw.trim());
}

/** "https://desk.example.com, http://localhost:8080" as normalised origins; throws on anything that is not one. */
export function parseOrigins(name: string, raw: string | undefined): string[] {
  const origins: string[] = [];
  for (const item of (raw ?? "").split(/[\s,]+/)) {
    if (item === "") continue;
    let url: URL | null = null;
    try {
      url = new URL(item);
    } catch {
      // reported below
    }
    const bare =
      url !== null &&
      (url.protocol === "http:" || url.protocol === "https:") &&
      url.username === "" &&
      url.password === "" &&
      (url.pathname === "/" || url.pathname === "") &&
      url.search === "" &&
      url.hash === "" &&
      !item.endsWith("?");
    if (url === null || !bare) {
      throw new ConfigError(`${name} must list origins such as https://desk.example.com (scheme, host and port only), not "${item}"`);
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

function optionalUrl(name: string, raw: string | undefined, protocols: readonly string[]): string | null {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${protocols[0]}//127.0.0.1:6379`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.join(" or ")}//`);
  }
  return text;
}

/** "desk.example.com, 10.0.0.5" as normalised host names (no scheme, no port); null when unset. */
export function parseHostNames(name: string, raw: string | undefined): string[] | null {
  const items = (raw ?? "").split(/[\s,]+/).filter((item) => item !== "");
  if (items.length === 0) return null;
  const hosts: string[] = [];
  for (const item of items) {
    if (!isHostName(item)) {
      throw new ConfigError(
        `${name} must list host names or addresses such as desk.example.com or 10.0.0.5 (no scheme or port), not "${item}"`,
      );
    }
    const host = normalizeHostName(item);
    if (!hosts.includes(host)) hosts.push(host);
  }
  return hosts;
}

/** "10.0.0.1, 192.168.0.0/16, ::1" as addresses and CIDR ranges for fastify's trustProxy. */
export function parseProxies(name: string, raw: string | undefined): string[] {
  const proxies: string[] = [];
  for (const item of (raw ?? "").split(/[\s,]+/)) {
    if (item === "") continue;
    const [address, prefix, extra] = item.split("/");
    const family = net.isIP(address);
    const bits = family === 4 ? 32 : 128;
    const validPrefix = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
    if (family === 0 || !validPrefix || extra !== undefined) {
      throw new ConfigError(`${name} must list proxy addresses or CIDR ranges such as 10.0.0.1 or 10.0.0.0/8, not "${item}"`);
    }
    if (!proxies.includes(item)) proxies.push(item);
  }
  return proxies;
}

/** The longest live-quote interval that can be set: an hour. */
export const MAX_QUOTE_INTERVAL_SECONDS = 3600;

/** MKT_QUOTE_INTERVAL_SECONDS: whole seconds from 1 to an hour (default 15); throws ConfigError otherwise. */
export function quoteIntervalSeconds(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.MKT_QUOTE_INTERVAL_SECONDS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_QUOTE_INTERVAL_SECONDS;
  const text = raw.trim();
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 1 || seconds > MAX_QUOTE_INTERVAL_SECONDS) {
    throw new ConfigError(
      `MKT_QUOTE_INTERVAL_SECONDS must be a whole number of seconds from 1 to ${MAX_QUOTE_INTERVAL_SECONDS}, not "${raw}"`,
    );
  }
  return seconds;
}

/** Reads the server's settings; throws ConfigError naming the variable that is wrong. */
export function readConfig(
  env: NodeJS.ProcessEnv = process.env,
  repoRoot: string = findRepoRoot(),
  cwd: string = process.cwd(),
): ServerConfig {
  const certPath = optionalPath(env.MKT_TLS_CERT, cwd);
  const keyPath = optionalPath(env.MKT_TLS_KEY, cwd);
  if ((certPath === null) !== (keyPath === null)) {
    throw new ConfigError("set both MKT_TLS_CERT and MKT_TLS_KEY, or neither (a self-signed pair is generated then)");
  }
  try {
    // Each provider's plan: MKT_<NAME>_PLAN, _PER_SECOND/_MINUTE/_HOUR/_DAY, _CONCURRENCY.
    checkPlanSettings(env);
  } catch (error) {
    if (error instanceof PlanSettingError) throw new ConfigError(error.message);
    throw error;
  }
  const logLevel = (env.MKT_LOG_LEVEL ?? "").trim() || "warn";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`MKT_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, not "${logLevel}"`);
  }
  const host = (env.HOST ?? "").trim() || "localhost";
  const memoryCacheMb = parseWholeNumber("MKT_MEMORY_CACHE_MB", env.MKT_MEMORY_CACHE_MB, DEFAULT_MEMORY_CACHE_MB, 1024 * 1024);
  if (memoryCacheMb < 1)
    throw new ConfigError(`MKT_MEMORY_CACHE_MB must be a whole number from 1 to ${1024 * 1024}, not "${env.MKT_MEMORY_CACHE_MB}"`);
  return {
    host,
    port: parseWholeNumber("PORT", env.PORT, 3000, 65535),
    protocol: parseFlag("MKT_HTTP", env.MKT_HTTP) ? "http" : "https",
    tlsFiles: certPath && keyPath ? { certPath, keyPath } : null,
    certDir: optionalPath(env.MKT_CERT_DIR, cwd) ?? path.join(repoRoot, ".certs"),
    staticDir: optionalPath(env.MKT_STATIC_DIR, cwd) ?? path.join(repoRoot, "dist"),
    cacheSeconds: parseWholeNumber("MKT_CACHE_SECONDS", env.MKT_CACHE_SECONDS, DEFAULT_CACHE_SECONDS, 7 * 24 * 3600),
    logLevel,
    allowedOrigins: parseOrigins("MKT_ALLOWED_ORIGINS", env.MKT_ALLOWED_ORIGINS),
    rateLimitPerMinute: parseWholeNumber(
      "MKT_RATE_LIMIT_PER_MINUTE",
      env.MKT_RATE_LIMIT_PER_MINUTE,
      DEFAULT_RATE_LIMIT_PER_MINUTE,
      10_000_000,
    ),
    redisUrl: optionalUrl("REDIS_URL", env.REDIS_URL, ["redis:", "rediss:"]),
    allowedHosts: parseHostNames("MKT_ALLOWED_HOSTS", env.MKT_ALLOWED_HOSTS) ?? defaultAllowedHosts(host),
    trustProxy: parseProxies("MKT_TRUST_PROXY", env.MKT_TRUST_PROXY),
    memoryCacheMb,
    quoteIntervalSeconds: quoteIntervalSeconds(env),
    repoRoot,
  };
}
