import { fetchText, MarketDataError } from "../../../src/market/core";
import { HugeBodyServer, peakMemoryGrowth, startHugeBodyServer } from "./huge-body-server";

/**
 * Finding 4 of the probe (first half): an upstream body was read whole whatever its size (a 400 MB
 * body took the server from 585 MB to 1.66 GB). fetchText reads the body as a stream and stops at
 * `maxBodyBytes` with a bad-response naming the service.
 */

const MB = 1024 * 1024;
const BODY_BYTES = 50 * MB;
const CAP_BYTES = 1 * MB;

let upstream: HugeBodyServer | null = null;
afterEach(async () => {
  await upstream?.close();
  upstream = null;
});

function capped(): Parameters<typeof fetchText>[1] {
  // Built apart from the call so this file compiles against a fetchText without the option too.
  const options = { service: "Yahoo", symbol: "IWM", timeoutMs: 10_000, maxBodyBytes: CAP_BYTES };
  return options;
}

describe("fetchText's body cap", () => {
  it.each([
    ["streamed without a length", false],
    ["announced in Content-Length", true],
  ])("refuses a 50 MB body %s without buffering it: bad-response, heap growth far below 50 MB", async (_label, announceLength) => {
    upstream = await startHugeBodyServer(BODY_BYTES, { announceLength });
    const { result, growth } = await peakMemoryGrowth(() => fetchText(`${upstream!.url}/big`, capped()));
    await upstream.settled();
    const sent = upstream.bytesSent();
    console.log(
      `50 MB body (${_label}): heap+arrayBuffers grew ${(growth / MB).toFixed(1)} MB, upstream sent ${(sent / MB).toFixed(1)} MB`,
    );

    expect(result.status).toBe("rejected");
    const error = (result as PromiseRejectedResult).reason as MarketDataError;
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toBe("Yahoo sent more than 1 MB for IWM: the answer was refused");
    expect(growth).toBeLessThan(16 * MB);
    expect(sent).toBeLessThan(BODY_BYTES / 2);
  });

  it("reads a body up to the cap as before", async () => {
    upstream = await startHugeBodyServer(CAP_BYTES);
    const response = await fetchText(`${upstream.url}/ok`, capped());
    expect(response.status).toBe(200);
    expect(response.body.length).toBe(CAP_BYTES);
  });
});
