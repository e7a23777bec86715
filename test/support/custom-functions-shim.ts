import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

export const DIST_DIR = path.resolve(__dirname, "../../dist");

/** What Excel's CustomFunctions object offers the bundle: associate, Error and ErrorCode. */
export class ShimError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

export interface LoadedBundle {
  registered: Map<string, (...args: unknown[]) => unknown>;
}

/**
 * Runs dist/functions.js in a fresh V8 context that has only what Excel's runtime gives it
 * (fetch, timers, location, storage) and a CustomFunctions shim recording the registrations.
 */
export function loadFunctionsBundle(options: { origin: string; storage?: Record<string, string> }): LoadedBundle {
  const registered = new Map<string, (...args: unknown[]) => unknown>();
  const storage = { ...(options.storage ?? {}) };
  const context: Record<string, unknown> = {
    CustomFunctions: {
      associate: (id: string, fn: (...args: unknown[]) => unknown) => registered.set(id, fn),
      Error: ShimError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", invalidNumber: "#NUM!", divisionByZero: "#DIV/0!" },
    },
    location: new URL(options.origin),
    localStorage: { getItem: (key: string) => storage[key] ?? null },
    fetch,
    Headers,
    Request,
    Response,
    AbortController,
    AbortSignal,
    URL,
    TextEncoder,
    TextDecoder,
    setTimeout,
    clearTimeout,
    console,
  };
  context.self = context;
  context.window = context;
  context.globalThis = context;
  vm.createContext(context);
  const code = fs.readFileSync(path.join(DIST_DIR, "functions.js"), "utf8");
  vm.runInContext(code, context, { filename: "functions.js" });
  return { registered };
}

export function readFunctionsMetadata(): { functions: { id: string; name: string; parameters: { name: string; optional?: boolean }[] }[] } {
  return JSON.parse(fs.readFileSync(path.join(DIST_DIR, "functions.json"), "utf8"));
}
