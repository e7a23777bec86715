import fs from "node:fs";
import path from "node:path";
import type { ScriptedResponse } from "./replay-server";
import { PROVIDER_FIXTURES_DIR } from "./fixture-paths";

/** A yahoo-finance2-style recording: `{request:{url}, response:{status, headers, bodyJson | body}}`. */
export interface Recording {
  readonly requestUrl: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The body text as the client received it (bodyJson re-serialized). */
  readonly body: string;
}

/**
 * Headers that describe the original transfer, not the recorded (already decoded) body: replaying
 * `content-encoding: gzip` over plain text, or a stale content-length, would break the client.
 */
const TRANSFER_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection"]);

interface RawRecording {
  request?: { url?: unknown };
  response?: { status?: unknown; headers?: Record<string, unknown>; bodyJson?: unknown; body?: unknown };
}

/** Reads a recording under test/fixtures/providers (older files keep headers as arrays and the body as a string). */
export function loadRecording(relativePath: string): Recording {
  const raw = JSON.parse(fs.readFileSync(path.join(PROVIDER_FIXTURES_DIR, relativePath), "utf8")) as RawRecording;
  const response = raw.response;
  if (response === undefined || typeof response.status !== "number") {
    throw new Error(`${relativePath} is not a recording with response.status`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    if (TRANSFER_HEADERS.has(name.toLowerCase())) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  const body = response.bodyJson !== undefined ? JSON.stringify(response.bodyJson) : typeof response.body === "string" ? response.body : "";
  return { requestUrl: String(raw.request?.url ?? ""), status: response.status, headers, body };
}

export function yahooRecording(fileName: string): Recording {
  return loadRecording(path.join("yahoo", fileName));
}

/** A recording as the replay server's answer: same status, content type and body. */
export function replayOf(recording: Recording, extra: Partial<ScriptedResponse> = {}): ScriptedResponse {
  return { status: recording.status, headers: recording.headers, body: recording.body, ...extra };
}

/** A fixture that is plain text (transcribed error bodies). */
export function fixtureText(relativePath: string): string {
  return fs.readFileSync(path.join(PROVIDER_FIXTURES_DIR, relativePath), "utf8");
}
