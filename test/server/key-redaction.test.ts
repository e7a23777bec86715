import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { buildServer } from "../../server/app";
import type { ProviderFactory } from "../../server/key-routing-provider";
import { KnownSecrets } from "../../server/known-secrets";
import { demoSeries, MarketDataError } from "../../src/market";
import { makeStaticDir, removeTempDirs } from "./helpers";

/**
 * Finding 1 of the probe: any 1–256 printable characters were accepted as an x-mkt-api-key and put
 * on a list shared by every request for redaction, so sending `"` as a key turned every later error
 * body and log line into invalid JSON ({[redacted]error[redacted]:…). Only keys in the provider's
 * format are accepted, and an analyst's key is redacted from their own request's answers only.
 */

const TEAM_KEY = "team-tiingo-key-0123456789";
/** Tiingo keys are 40 hexadecimal digits. */
const ANALYST_KEY = "0123456789abcdef0123456789abcdef01234567";

/** A keyed provider that quotes its key in every failure (the server must scrub it). */
function echoingFactory(calls: (string | null)[]): ProviderFactory {
  return (name, apiKey) => ({
    name,
    async fetchHistory(symbol) {
      calls.push(apiKey);
      if (symbol === "FAIL") throw new MarketDataError("unavailable", `upstream refused key ${apiKey ?? TEAM_KEY} for ${symbol}`, symbol);
      return { ...demoSeries(symbol, Date.now()), provider: name, demo: false };
    },
  });
}

describe("x-mkt-api-key redaction and validation", () => {
  let app: FastifyInstance;
  let log = "";
  const calls: (string | null)[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += chunk.toString();
        done();
      },
    });
    app = buildServer({
      staticDir: makeStaticDir(),
      env: { MKT_TIINGO_KEY: TEAM_KEY },
      createProvider: echoingFactory(calls),
      logger: { level: "info", stream },
      rateLimitPerMinute: 0,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    removeTempDirs();
  });

  const get = (url: string, key?: string) => app.inject({ url, headers: key === undefined ? {} : { "x-mkt-api-key": key } });

  function logLines(): unknown[] {
    return log
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as unknown);
  }

  it('one request with the key `"` (or `e`, `:`) leaves every later error body and log line valid JSON', async () => {
    for (const junk of ['"', "e", ":", "{", "error"]) await get("/api/history/tiingo/AAA", junk);
    for (const url of ["/api/history/tiingo/%E0%A4%A", "/api/nothing", "/api/history/nowhere/AAA", "/api/history/tiingo/FAIL"]) {
      const res = await get(url);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(() => JSON.parse(res.body)).not.toThrow();
      expect(res.body).not.toContain("[redacted]error");
    }
    expect(() => logLines()).not.toThrow();
    expect(log).not.toContain("[redacted]error");
  });

  it("refuses a key not in the provider's format with 401 invalid-key, without quoting it or calling upstream", async () => {
    calls.length = 0;
    for (const bad of ['"', "e", "x".repeat(40), "0123456789abcdef", `${ANALYST_KEY}0`, "ZZ23456789abcdef0123456789abcdef01234567"]) {
      const res = await get("/api/history/tiingo/AAA", bad);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: "invalid-key", message: expect.stringMatching(/Tiingo/) });
      if (bad.length > 2) expect(res.json().message).not.toContain(bad);
      const batch = await app.inject({
        method: "POST",
        url: "/api/batch/tiingo",
        headers: { "x-mkt-api-key": bad },
        payload: { symbols: ["A"] },
      });
      expect(batch.statusCode).toBe(401);
    }
    expect(calls).toEqual([]);
  });

  it("uses a key in the provider's format and redacts it from that request's answer", async () => {
    calls.length = 0;
    const res = await get("/api/history/tiingo/FAIL", ANALYST_KEY);
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe("upstream refused key [redacted] for FAIL");
    expect(calls).toEqual([ANALYST_KEY]);
    expect(log).not.toContain(ANALYST_KEY);
  });

  it("still redacts the team key from every answer and log line", async () => {
    const res = await get("/api/history/tiingo/FAIL");
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toBe("upstream refused key [redacted] for FAIL");
    app.log.warn(`a line quoting ${TEAM_KEY}`);
    expect(log).toContain("a line quoting [redacted]");
    expect(log).not.toContain(TEAM_KEY);
  });
});

describe("KnownSecrets", () => {
  it("scrubs an analyst's key from log lines only while a request using it is in progress, and from its own answers", () => {
    const secrets = new KnownSecrets(["team-key-000000000000"]);
    const release = secrets.hold(ANALYST_KEY);
    const again = secrets.hold(ANALYST_KEY);
    expect(secrets.redactLogLine(`{"msg":"${ANALYST_KEY} team-key-000000000000"}`)).toBe('{"msg":"[redacted] [redacted]"}');
    // Another request's answer is not scrubbed of it: redaction of answers is per request.
    expect(secrets.redact(`{"message":"${ANALYST_KEY}"}`)).toBe(`{"message":"${ANALYST_KEY}"}`);
    expect(secrets.redact(`{"message":"${ANALYST_KEY}"}`, ANALYST_KEY)).toBe('{"message":"[redacted]"}');
    release();
    release(); // twice is harmless
    expect(secrets.heldKeyCount()).toBe(1);
    again();
    expect(secrets.heldKeyCount()).toBe(0);
    expect(secrets.redactLogLine(`{"msg":"${ANALYST_KEY}"}`)).toBe(`{"msg":"${ANALYST_KEY}"}`);
    expect(secrets.redactLogLine('{"msg":"team-key-000000000000"}')).toBe('{"msg":"[redacted]"}');
  });
});
