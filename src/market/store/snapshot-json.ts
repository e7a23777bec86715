import type { EarningsHistory, QuarterlyEarnings, SecurityKind, TickerSnapshot } from "../core";

/**
 * TickerSnapshot and EarningsHistory as JSON (relay answers, Redis, IndexedDB, the CLI's files) and
 * back. They are plain JSON already: writing is JSON.stringify (a non-finite number becomes null, which
 * every nullable field reads as missing); reading checks every field, so a damaged or foreign value is
 * refused with a plain Error naming the first problem instead of reaching a formula.
 */

const KINDS: readonly SecurityKind[] = ["equity", "fund", "crypto", "currency", "index", "other"];

type Json = Record<string, unknown>;

function record(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error(`${what} is not an object`);
  return value as Json;
}

function text(json: Json, field: string, what: string): string {
  const value = json[field];
  if (typeof value !== "string" || value === "") throw new Error(`${what} has no ${field}`);
  return value;
}

function time(json: Json, field: string, what: string): number {
  const value = json[field];
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${what} has no ${field} time`);
  return value;
}

/** A number or null; anything else (absent, text, NaN written as null) is null. */
function optionalNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function provenance(json: Json, what: string) {
  return {
    symbol: text(json, "symbol", what),
    provider: text(json, "provider", what),
    fetchedAt: time(json, "fetchedAt", what),
    currency: typeof json.currency === "string" ? json.currency : null,
    demo: json.demo === true,
    ...(typeof json.staleBecause === "string" ? { staleBecause: json.staleBecause } : {}),
  };
}

/** Parses and validates a TickerSnapshot's JSON; throws a plain Error naming the first problem. */
export function snapshotFromJson(value: unknown): TickerSnapshot {
  const json = record(value, "snapshot");
  const kind = KINDS.includes(json.kind as SecurityKind) ? (json.kind as SecurityKind) : "other";
  const notes = Array.isArray(json.notes) ? json.notes.filter((note): note is string => typeof note === "string") : [];
  const { staleBecause, ...rest } = provenance(json, "snapshot");
  return {
    ...rest,
    priceTime: optionalNumber(json.priceTime),
    kind,
    price: optionalNumber(json.price),
    epsTrailing: optionalNumber(json.epsTrailing),
    epsForward: optionalNumber(json.epsForward),
    peTrailingPublished: optionalNumber(json.peTrailingPublished),
    peForwardPublished: optionalNumber(json.peForwardPublished),
    marketCap: optionalNumber(json.marketCap),
    sharesOutstanding: optionalNumber(json.sharesOutstanding),
    notes,
    ...(staleBecause === undefined ? {} : { staleBecause }),
  };
}

function quarterFromJson(value: unknown, i: number): QuarterlyEarnings {
  const json = record(value, `quarter ${i}`);
  const { periodEnd, reportedOn, eps } = json;
  if (!Number.isInteger(reportedOn)) throw new Error(`quarter ${i} has no reportedOn day`);
  if (periodEnd !== null && periodEnd !== undefined && !Number.isInteger(periodEnd))
    throw new Error(`quarter ${i} has a periodEnd that is not a day`);
  if (typeof eps !== "number" || !Number.isFinite(eps)) throw new Error(`quarter ${i} has no eps`);
  // Some providers give only the report date (FMP): no periodEnd.
  return { periodEnd: Number.isInteger(periodEnd) ? (periodEnd as number) : null, reportedOn: reportedOn as number, eps };
}

/** Parses and validates an EarningsHistory's JSON (quarters ascending by report day); throws a plain Error naming the first problem. */
export function earningsFromJson(value: unknown): EarningsHistory {
  const json = record(value, "earnings history");
  if (!Array.isArray(json.quarters)) throw new Error("earnings history has no quarters");
  const quarters = json.quarters.map(quarterFromJson).sort((a, b) => a.reportedOn - b.reportedOn);
  const { staleBecause, ...rest } = provenance(json, "earnings history");
  return { ...rest, quarters, ...(staleBecause === undefined ? {} : { staleBecause }) };
}

/** What holding a snapshot or an earnings history costs in memory, roughly: its JSON as UTF-16, and the entry. */
export function recordBytes(value: TickerSnapshot | EarningsHistory): number {
  return 2 * JSON.stringify(value).length + 256;
}
