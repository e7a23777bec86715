import fs from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "../../../support/fixture-paths";
import type { ScriptedResponse } from "../../../support/replay-server";
import { loadVcrInteraction } from "../../../support/vcr-cassettes";

/**
 * The valuation recordings (test/fixtures/fundamentals/ and test/fixtures/quotes/, provenance in
 * test/fixtures/SOURCES.md "Fundamentals and quotes"), as the replay server serves them. Paths are
 * relative to test/fixtures/ ("quotes/yahoo/quote-AAPL.json").
 */

export const VALUATION_FOLDERS = ["fundamentals", "quotes"] as const;

const JSON_TYPE = { "content-type": "application/json" };

/** A bare body (library fixtures) as a JSON answer with `status`. */
export function jsonFile(relativePath: string, status = 200): ScriptedResponse {
  return { status, headers: JSON_TYPE, body: fixtureText(relativePath) };
}

export function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, relativePath), "utf8");
}

export function fixtureJson(relativePath: string): unknown {
  return JSON.parse(fixtureText(relativePath));
}

/** Headers of the original transfer that do not describe the replayed body. */
const TRANSFER_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection"]);

/** A yahoo-finance2 recorder wrapper: `{request: {url, method, headers, bodyText?}, response: {status, headers, bodyJson | bodyText | body}}`. */
export interface Wrapper {
  readonly requestUrl: string;
  readonly method: string;
  readonly requestBody: string | null;
  readonly status: number;
  /** Lower-case names; repeated headers (set-cookie) kept as lists. */
  readonly headers: Record<string, string | string[]>;
  readonly body: string;
}

/** Reads a yahoo-finance2 wrapper: the recorded status, headers (set-cookie lists kept) and body (`bodyJson` re-serialised, or `bodyText`). */
export function loadWrapper(relativePath: string): Wrapper {
  const raw = fixtureJson(relativePath) as {
    request?: { url?: unknown; method?: unknown; bodyText?: unknown };
    response?: { status?: unknown; headers?: Record<string, unknown>; bodyJson?: unknown; bodyText?: unknown; body?: unknown };
  };
  const response = raw.response;
  if (response === undefined || typeof response.status !== "number") throw new Error(`${relativePath} is not a recorder wrapper`);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    const key = name.toLowerCase();
    if (TRANSFER_HEADERS.has(key)) continue;
    headers[key] = Array.isArray(value) ? (key === "set-cookie" ? value.map(String) : value.join(", ")) : String(value);
  }
  const body =
    response.bodyJson !== undefined
      ? JSON.stringify(response.bodyJson)
      : typeof response.bodyText === "string"
        ? response.bodyText
        : typeof response.body === "string"
          ? response.body
          : "";
  return {
    requestUrl: String(raw.request?.url ?? ""),
    method: String(raw.request?.method ?? "GET"),
    requestBody: typeof raw.request?.bodyText === "string" ? raw.request.bodyText : null,
    status: response.status,
    headers,
    body,
  };
}

/** A wrapper as the replay server's answer: recorded status, headers and body. */
export function replayWrapper(relativePath: string): ScriptedResponse {
  const wrapper = loadWrapper(relativePath);
  return { status: wrapper.status, headers: wrapper.headers, body: wrapper.body };
}

/** Interaction `index` of an OpenBB cassette under test/fixtures/ (its decoded body beside it), as an answer. */
export function replayCassette(relativeYamlPath: string, index = 0): ScriptedResponse {
  const recording = loadVcrInteraction(path.join("..", relativeYamlPath), index);
  return { status: recording.status, headers: recording.headers, body: recording.body };
}

/** The symbols a recorded v7 quote request asked for (`symbols=AAPL%2CBABA`). */
export function quotedSymbols(relativePath: string): string[] {
  const url = new URL(loadWrapper(relativePath).requestUrl);
  return (url.searchParams.get("symbols") ?? "").split(",").filter((symbol) => symbol !== "");
}

/**
 * One symbol's quoteSummary answer made of its recorded modules (each recorded on its own, with
 * `modules=<one>`): Yahoo answers a request for several modules with all of them in one result.
 * Modules recorded as 404 ("No fundamentals data found") are left out, as Yahoo leaves them out of
 * a combined answer; when every module was a 404, the 404 itself is the answer.
 */
export function combinedSummary(relativePaths: readonly string[]): ScriptedResponse {
  const result: Record<string, unknown> = {};
  let notFound: ScriptedResponse | null = null;
  for (const file of relativePaths) {
    const wrapper = loadWrapper(file);
    if (wrapper.status !== 200) {
      notFound = { status: wrapper.status, headers: wrapper.headers, body: wrapper.body };
      continue;
    }
    const parsed = JSON.parse(wrapper.body) as { quoteSummary: { result: Record<string, unknown>[] } };
    Object.assign(result, parsed.quoteSummary.result[0]);
  }
  if (Object.keys(result).length === 0 && notFound !== null) return notFound;
  return { status: 200, headers: JSON_TYPE, body: JSON.stringify({ quoteSummary: { result: [result], error: null } }) };
}

/** Every file under test/fixtures/<folder>/<provider>/, as paths relative to test/fixtures/. */
export function valuationFiles(provider: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else found.push(`${prefix}${entry.name}`);
    }
  };
  for (const folder of VALUATION_FOLDERS) {
    const dir = path.join(FIXTURES_DIR, folder, provider);
    if (fs.existsSync(dir)) walk(dir, `${folder}/${provider}/`);
  }
  return found.sort();
}
