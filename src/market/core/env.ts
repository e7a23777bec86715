export type Env = Record<string, string | undefined>;

/** `process.env` in Node; an empty environment in the browser, where `process` does not exist. */
export function processEnv(): Env {
  return typeof process !== "undefined" && process.env ? process.env : {};
}
