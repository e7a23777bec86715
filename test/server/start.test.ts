import type { FastifyInstance } from "fastify";
import { readConfig } from "../../server/config";
import { start } from "../../server/main";
import { createYahooProbe, ProbeOutcome, UpstreamProbe } from "../../server/upstream-probe";
import { makeStaticDir, removeTempDirs, REPO_ROOT } from "./helpers";
import { startYahoo, yahooEnv } from "./yahoo-upstream";

afterAll(removeTempDirs);

const config = () =>
  readConfig({ PORT: "0", HOST: "127.0.0.1", MKT_HTTP: "1", MKT_LOG_LEVEL: "silent", MKT_STATIC_DIR: makeStaticDir() }, REPO_ROOT);

function baseOf(app: FastifyInstance): string {
  const address = app.server.address();
  if (typeof address !== "object" || address === null) throw new Error("not listening");
  return `http://127.0.0.1:${address.port}`;
}

async function upstream(app: FastifyInstance): Promise<Record<string, unknown>> {
  return (await (await fetch(`${baseOf(app)}/api/health`)).json()).upstream;
}

/** A probe that finishes when the test says so. */
function heldProbe(): { probe: UpstreamProbe; finish: (outcome: ProbeOutcome) => void } {
  let current: ProbeOutcome = { status: { provider: "yahoo", reachable: null, message: null, checkedAt: null }, answered: null };
  let finish!: (outcome: ProbeOutcome) => void;
  const done = new Promise<ProbeOutcome>((resolve) => {
    finish = (outcome) => {
      current = outcome;
      resolve(outcome);
    };
  });
  const probe: UpstreamProbe = {
    target: { label: "Yahoo Finance", urlEnvName: "MKT_YAHOO_URL", configuredUrl: null, timeoutMs: 3000 },
    outcome: () => current,
    run: () => done,
  };
  return { probe, finish };
}

describe("npm start's server with the Yahoo probe", () => {
  it("listens and prints its banner before the probe has finished, then prints the probe's line", async () => {
    const { probe, finish } = heldProbe();
    const printed: string[] = [];
    const app = await start(config(), { probe, print: (text) => printed.push(text), handleSignals: false });
    try {
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(/^Rotation Desk is serving the add-in at http:\/\/127\.0\.0\.1:\d+\//);
      expect(printed[0]).toContain("Yahoo Finance: checking whether this machine reaches it (up to 3 s)...");
      expect(await upstream(app)).toEqual({ provider: "yahoo", reachable: null, message: null, checkedAt: null });

      finish({
        status: { provider: "yahoo", reachable: true, message: "answered in 80 ms", checkedAt: 1_780_000_000_000 },
        answered: true,
      });
      await new Promise((resolve) => setImmediate(resolve));
      expect(printed).toEqual([printed[0], "Yahoo Finance: reachable"]);
      expect(await upstream(app)).toEqual({
        provider: "yahoo",
        reachable: true,
        message: "answered in 80 ms",
        checkedAt: 1_780_000_000_000,
      });
    } finally {
      await app.close();
    }
  });

  it("puts the result in the banner when the probe is already done, and prints no second line", async () => {
    const { probe, finish } = heldProbe();
    finish({ status: { provider: "yahoo", reachable: false, message: "host name not found", checkedAt: 1 }, answered: false });
    const printed: string[] = [];
    const app = await start(config(), { probe, print: (text) => printed.push(text), handleSignals: false });
    try {
      await new Promise((resolve) => setImmediate(resolve));
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain(
        "Yahoo Finance: not reachable from this machine (host name not found) — the preview offers demo data; or set MKT_YAHOO_URL",
      );
    } finally {
      await app.close();
    }
  });

  it("probes the Yahoo that MKT_YAHOO_URL names and reports it in /api/health", async () => {
    const yahoo = await startYahoo();
    const printed: string[] = [];
    const probe = createYahooProbe({ env: yahooEnv(yahoo) });
    const app = await start(config(), { probe, print: (text) => printed.push(text), handleSignals: false });
    try {
      await probe.run();
      expect(await upstream(app)).toMatchObject({ provider: "yahoo", reachable: true, checkedAt: expect.any(Number) });
      expect(printed.join("\n")).toContain(`Yahoo Finance at ${yahoo.url}: reachable`);
      expect(yahoo.requests).toHaveLength(1);
    } finally {
      await app.close();
      await yahoo.close();
    }
  });
});
