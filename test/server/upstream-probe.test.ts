import net from "node:net";
import { upstreamLine } from "../../server/startup-message";
import { createYahooProbe, DEFAULT_PROBE_TIMEOUT_MS } from "../../server/upstream-probe";
import { fixtureText, replayOf } from "../support/recordings";
import type { ReplayServer } from "../support/replay-server";
import { CHART, MDLY, startYahoo, yahooEnv } from "./yahoo-upstream";

/** A loopback port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const DAY_MS = 86_400_000;

describe("the start-up probe of Yahoo", () => {
  let yahoo: ReplayServer;

  beforeAll(async () => {
    yahoo = await startYahoo([{ path: `${CHART}SPY`, respond: replayOf(MDLY) }]);
  });
  afterAll(() => yahoo.close());

  it("is not checked until it has run, and uses a 3 s limit by default", () => {
    const probe = createYahooProbe({ env: {} });
    expect(probe.outcome()).toEqual({ status: { provider: "yahoo", reachable: null, message: null, checkedAt: null }, answered: null });
    expect(DEFAULT_PROBE_TIMEOUT_MS).toBe(3000);
    expect(probe.target).toEqual({ label: "Yahoo Finance", urlEnvName: "MKT_YAHOO_URL", configuredUrl: null, timeoutMs: 3000 });
  });

  it("reports reachable after one small chart request to MKT_YAHOO_URL, and runs only once", async () => {
    const replay = await startYahoo();
    try {
      const now = Date.UTC(2026, 4, 20, 15, 0, 0);
      const probe = createYahooProbe({ env: yahooEnv(replay), now: () => now });
      const [first, second] = await Promise.all([probe.run(), probe.run()]);
      expect(second).toBe(first);
      expect(first.status).toEqual({ provider: "yahoo", reachable: true, message: "answered in 0 ms", checkedAt: now });
      expect(probe.outcome()).toBe(first);
      expect(replay.requests).toHaveLength(1);
      const [request] = replay.requests;
      expect(request.path).toBe(`${CHART}SPY`);
      // Only the last two weeks: a small answer, not the full history.
      expect(Number(request.query.get("period1"))).toBe((Math.floor(now / DAY_MS) - 14) * 86_400);
      expect(probe.target.configuredUrl).toBe(replay.url);
      expect(upstreamLine(first, probe.target)).toBe(`Yahoo Finance at ${replay.url}: reachable`);
    } finally {
      await replay.close();
    }
  });

  it("counts a Yahoo 'no data' answer as reachable: the host speaks Yahoo's API", async () => {
    const outcome = await createYahooProbe({ env: yahooEnv(yahoo) }).run();
    expect(outcome.status.reachable).toBe(true);
    expect(outcome.status.message).toMatch(/^answered in \d+ ms \(no data for SPY\)$/);
  });

  it("reports a closed port as not reachable (connection refused), without retrying", async () => {
    const probe = createYahooProbe({ env: { MKT_YAHOO_URL: `http://127.0.0.1:${await closedPort()}` } });
    const started = Date.now();
    const outcome = await probe.run();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toEqual({
      status: { provider: "yahoo", reachable: false, message: "connection refused", checkedAt: expect.any(Number) },
      answered: false,
    });
    expect(upstreamLine(outcome, probe.target)).toMatch(
      /^Yahoo Finance at http:\/\/127\.0\.0\.1:\d+: not reachable from this machine \(connection refused\) — the preview offers demo data; or check MKT_YAHOO_URL$/,
    );
  });

  it("reports a host name that does not resolve as not reachable (host name not found)", async () => {
    // .invalid never resolves (RFC 2606).
    const outcome = await createYahooProbe({ env: { MKT_YAHOO_URL: "http://rotation-desk-probe.invalid" } }).run();
    expect(outcome.status).toMatchObject({ reachable: false, message: "host name not found" });
    // The public host's wording, as `npm start` prints it on a machine without internet access.
    const line = upstreamLine(outcome, { label: "Yahoo Finance", urlEnvName: "MKT_YAHOO_URL", configuredUrl: null, timeoutMs: 3000 });
    expect(line).toBe(
      "Yahoo Finance: not reachable from this machine (host name not found) — the preview offers demo data; or set MKT_YAHOO_URL",
    );
  });

  it("gives up after its time limit when the host does not answer", async () => {
    const silent = await startYahoo([{ path: `${CHART}SPY`, respond: { hang: "before-headers" } }]);
    try {
      const started = Date.now();
      const outcome = await createYahooProbe({ env: yahooEnv(silent), timeoutMs: 150 }).run();
      expect(Date.now() - started).toBeLessThan(1500);
      expect(outcome.status).toMatchObject({ reachable: false, message: "no answer within 0.15 s" });
      expect(outcome.answered).toBe(false);
      expect(silent.requestsTo(`${CHART}SPY`)).toHaveLength(1);
    } finally {
      await silent.close();
    }
  });

  it("reports an answer without data (Yahoo's 429) as not reachable, saying Yahoo answered", async () => {
    const limited = await startYahoo([
      {
        path: `${CHART}SPY`,
        respond: {
          status: 429,
          headers: { "content-type": "text/plain" },
          body: fixtureText("yahoo/transcribed/http429_body_Edge_Too_Many_Requests.txt"),
        },
      },
    ]);
    try {
      const probe = createYahooProbe({ env: yahooEnv(limited) });
      const outcome = await probe.run();
      expect(outcome.answered).toBe(true);
      expect(outcome.status.reachable).toBe(false);
      expect(outcome.status.message).toMatch(/^Yahoo is rate-limiting requests \(HTTP 429\)/);
      expect(outcome.status.message).not.toContain("for SPY");
      expect(upstreamLine(outcome, probe.target)).toContain(": answered without data (Yahoo is rate-limiting");
      expect(limited.requestsTo(`${CHART}SPY`)).toHaveLength(1);
    } finally {
      await limited.close();
    }
  });

  it("reports a malformed MKT_YAHOO_URL as a failed probe, not a crash", async () => {
    const outcome = await createYahooProbe({ env: { MKT_YAHOO_URL: "ftp://mirror.example" } }).run();
    expect(outcome.status.reachable).toBe(false);
    expect(outcome.status.message).toMatch(/MKT_YAHOO_URL must start with http/);
  });
});
