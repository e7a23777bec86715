import { fetchText, MarketDataError } from "../../../src/market/core";
import { ReplayServer, startReplayServer } from "../../support/replay-server";

/**
 * Finding 3 of the probe: upstream redirects were followed to other hosts (a 302 from the Yahoo
 * base to another local port was fetched and parsed). Only same-origin redirects are followed, at
 * most a few; anything else fails naming the service, never the URL (which may carry a key).
 */

const OPTIONS = { service: "Yahoo", symbol: "IWM", timeoutMs: 2_000 } as const;

let servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(...routes: Parameters<typeof startReplayServer>[0]): Promise<ReplayServer> {
  const server = await startReplayServer(routes);
  servers.push(server);
  return server;
}

async function failure(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return error as MarketDataError;
  }
  throw new Error("expected a MarketDataError, got an answer");
}

describe("fetchText and redirects", () => {
  it.each([301, 302, 303, 307, 308])("does not follow a %i to another host (here another port)", async (status) => {
    const elsewhere = await serve({ path: "/stolen", respond: { body: '{"ok":true}' } });
    const base = await serve({ path: "/chart", respond: { status, headers: { location: `${elsewhere.url}/stolen?apikey=SECRET123` } } });
    const error = await failure(fetchText(`${base.url}/chart?apikey=SECRET123`, OPTIONS));
    expect(elsewhere.requests).toHaveLength(0);
    expect(error.kind).toBe("bad-response");
    expect(error.message).toMatch(/^Yahoo redirected the request for IWM to another host/);
    expect(error.message).not.toMatch(/127\.0\.0\.1|SECRET123|stolen|chart/);
  });

  it("follows a redirect on the same origin, keeping the request's headers", async () => {
    const base = await serve(
      { path: "/old", respond: { status: 301, headers: { location: "/new?x=1" } } },
      { path: "/new", respond: { body: "moved here" } },
    );
    const response = await fetchText(`${base.url}/old`, { ...OPTIONS, headers: { authorization: "Token abc" } });
    expect(response).toMatchObject({ status: 200, body: "moved here" });
    expect(base.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ["/old", "Token abc"],
      ["/new?x=1", "Token abc"],
    ]);
  });

  it("gives up after a few redirects on the same origin", async () => {
    const base = await serve({ path: /^\/loop\d+$/, respond: (request) => ({ status: 302, headers: { location: `${request.path}0` } }) });
    const error = await failure(fetchText(`${base.url}/loop1`, OPTIONS));
    expect(error.kind).toBe("bad-response");
    expect(error.message).toMatch(/^Yahoo redirected the request for IWM too many times/);
    expect(base.requests.length).toBeLessThanOrEqual(6);
  });

  it("refuses a redirect without a Location, or to another scheme", async () => {
    const base = await serve(
      { path: "/nowhere", respond: { status: 302 } },
      { path: "/ftp", respond: { status: 302, headers: { location: "ftp://127.0.0.1/x" } } },
    );
    expect((await failure(fetchText(`${base.url}/nowhere`, OPTIONS))).kind).toBe("bad-response");
    expect((await failure(fetchText(`${base.url}/ftp`, OPTIONS))).kind).toBe("bad-response");
  });
});
