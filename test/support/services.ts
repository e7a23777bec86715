import fs from "node:fs";
import path from "node:path";

/**
 * System programs some suites need (Debian packages; `.ci/run` installs both). Locally, a suite whose
 * program is missing is skipped with one line naming the package to install; with
 * MKT_REQUIRE_SERVICES=1 (set by `.ci/run`) a missing program fails the suite instead.
 */
export const REDIS_SERVER_BIN = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";
/** Debian's Chromium: `npx playwright install` cannot download browsers here. */
export const CHROMIUM_BIN = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const SERVICES = {
  "redis-server": { bin: REDIS_SERVER_BIN, aptPackage: "redis-server" },
  chromium: { bin: CHROMIUM_BIN, aptPackage: "chromium" },
} as const;

export type ServiceName = keyof typeof SERVICES;

const REPO_ROOT = path.resolve(__dirname, "../..");
const announced = new Set<ServiceName>();

function isInstalled(bin: string): boolean {
  try {
    fs.accessSync(bin, fs.constants.X_OK);
    return fs.statSync(bin).isFile();
  } catch {
    return false;
  }
}

function suiteName(): string {
  const testPath = expect.getState().testPath;
  return testPath === undefined ? "this suite" : path.relative(REPO_ROOT, testPath);
}

/**
 * `describe` and `it` for tests that need `service`: the plain ones when its program is installed,
 * else `.skip` ones (after one line on stderr), or, when MKT_REQUIRE_SERVICES=1, an error that fails
 * the suite. Wrap only what starts the service, so tests that merely expect it to be absent still run.
 */
export function withService(service: ServiceName): { describe: jest.Describe; it: jest.It } {
  const { bin, aptPackage } = SERVICES[service];
  if (isInstalled(bin)) return { describe, it };
  const missing = `${service} is not installed (no ${bin}; apt-get install ${aptPackage})`;
  if (process.env.MKT_REQUIRE_SERVICES === "1") {
    throw new Error(`${suiteName()} cannot run: ${missing}, and MKT_REQUIRE_SERVICES=1 makes that a failure`);
  }
  if (!announced.has(service)) {
    announced.add(service);
    process.stderr.write(`skipped ${suiteName()}: ${missing}\n`);
  }
  return { describe: describe.skip, it: it.skip };
}
