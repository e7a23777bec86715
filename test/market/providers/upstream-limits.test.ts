import { createUnlimitedProvider, MarketDataError, parseTicker, PROVIDER_SPECS } from "../../../src/market";
import { HugeBodyServer, peakMemoryGrowth, startHugeBodyServer } from "../core/huge-body-server";
import { replayOf, yahooRecording } from "../../support/recordings";
import { ReplayServer, startReplayServer } from "../../support/replay-server";

/**
 * Findings 3 and 4 of the probe, through a provider as the server builds it (createUnlimitedProvider,
 * from the environment): a 302 from the Yahoo base to another local port was fetched and parsed,
 * and an upstream body was read whole whatever its size.
 */

const MB = 1024 * 1024;
const TSLA = yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json");

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function replay(routes: Parameters<typeof startReplayServer>[0]): Promise<ReplayServer> {
  const server = await startReplayServer(routes);
  closers.push(() => server.close());
  return server;
}

async function rejectionOf(promise: Promise<unknown>): Promise<MarketDataError> {
  const [result] = await Promise.allSettled([promise]);
  if (result.status === "fulfilled") throw new Error("expected a MarketDataError, got an answer");
  expect(result.reason).toBeInstanceOf(MarketDataError);
  return result.reason as MarketDataError;
}

describe("the Yahoo provider the server builds", () => {
  it("does not fetch or parse what a 302 from the Yahoo base points at on another host", async () => {
    const elsewhere = await replay([{ path: /^\/v8\/finance\/chart\//, respond: replayOf(TSLA) }]);
    const yahoo = await replay([
      { path: /^\/v8\/finance\/chart\//, respond: (r) => ({ status: 302, headers: { location: `${elsewhere.url}${r.url}` } }) },
    ]);
    const provider = createUnlimitedProvider("yahoo", { MKT_YAHOO_URL: yahoo.url });
    const error = await rejectionOf(provider.fetchHistory(parseTicker("TSLA")));
    expect(elsewhere.requests).toHaveLength(0);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toMatch(/^Yahoo redirected the request for TSLA to another host/);
    expect(error.message).not.toContain("127.0.0.1");
  });

  it("follows a same-origin redirect (a moved path on the configured host)", async () => {
    const yahoo = await replay([
      { path: /^\/v8\/finance\/chart\//, respond: (r) => ({ status: 301, headers: { location: r.url.replace("/v8/", "/v9/") } }) },
      { path: /^\/v9\/finance\/chart\//, respond: replayOf(TSLA) },
    ]);
    const series = await createUnlimitedProvider("yahoo", { MKT_YAHOO_URL: yahoo.url }).fetchHistory(parseTicker("TSLA"));
    expect(series.days.length).toBe(3303);
  });

  it(`refuses a 50 MB answer at its cap (${PROVIDER_SPECS.yahoo.maxBodyBytes / MB} MB) without reading it all`, async () => {
    const huge: HugeBodyServer = await startHugeBodyServer(50 * MB);
    closers.push(() => huge.close());
    const provider = createUnlimitedProvider("yahoo", { MKT_YAHOO_URL: huge.url }, null, 10_000);
    const { result, growth } = await peakMemoryGrowth(() => provider.fetchHistory(parseTicker("IWM")));
    await huge.settled();
    console.log(
      `Yahoo, 50 MB answer: heap+arrayBuffers grew ${(growth / MB).toFixed(1)} MB, upstream sent ${(huge.bytesSent() / MB).toFixed(1)} MB`,
    );
    expect(result.status).toBe("rejected");
    const error = (result as PromiseRejectedResult).reason as MarketDataError;
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe(`Yahoo sent more than ${PROVIDER_SPECS.yahoo.maxBodyBytes / MB} MB for IWM: the answer was refused`);
    expect(huge.bytesSent()).toBeLessThan(PROVIDER_SPECS.yahoo.maxBodyBytes + 8 * MB);
    // What was read is held about twice (the socket's buffers, then fetch's chunks) until the collector runs.
    expect(growth).toBeLessThan(2 * PROVIDER_SPECS.yahoo.maxBodyBytes + 8 * MB);
  });
});
