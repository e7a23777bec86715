/**
 * Table options the pane keeps between sessions (which columns a sector table gets, the rotation
 * view's valuation choices): in the add-in's own browser storage, like its settings, never in the
 * workbook. A value that no longer parses is ignored.
 */
const PREFIX = "rotation-desk.table-options.";

export interface OptionStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function browserStorage(): OptionStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage can be disabled in locked-down browsers
  }
}

export function readRemembered<T>(key: string, parse: (stored: unknown) => T | null, storage = browserStorage()): T | null {
  try {
    const text = storage?.getItem(PREFIX + key) ?? null;
    return text === null ? null : parse(JSON.parse(text));
  } catch {
    return null;
  }
}

/** Keeps `value`; storage that refuses is not worth an error: the option is only not remembered. */
export function writeRemembered(key: string, value: unknown, storage = browserStorage()): void {
  try {
    storage?.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Full or disabled storage: the choice lasts for this session only.
  }
}
