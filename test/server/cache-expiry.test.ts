import { createDirectProvider, HistoryStore, parseTicker, PROVIDER_NAMES } from "../../src/market";
import { buildServer } from "../../server/app";
import { expireCachesEvery } from "../../server/cache-expiry";
import { makeStaticDir, removeTempDirs } from "./helpers";

afterAll(removeTempDirs);

describe("cache expiry", () => {
  afterEach(() => jest.useRealTimers());

  it("empties every store at the interval, so a long-running server refetches", async () => {
    jest.useFakeTimers();
    const store = new HistoryStore(createDirectProvider("demo"));
    const stop = expireCachesEvery([store], 60_000);
    await store.get(parseTicker("IWM"));
    await store.get(parseTicker("IWM"));
    expect(store.stats()).toMatchObject({ requests: 1, cacheHits: 1 });
    jest.advanceTimersByTime(60_000);
    await store.get(parseTicker("IWM"));
    expect(store.stats()).toMatchObject({ requests: 2, cacheHits: 1 });
    stop();
    jest.advanceTimersByTime(10 * 60_000);
    await store.get(parseTicker("IWM"));
    expect(store.stats()).toMatchObject({ requests: 2, cacheHits: 2 });
  });

  it("does nothing for an interval of 0", () => {
    const clear = jest.fn();
    jest.useFakeTimers();
    expireCachesEvery([{ get: jest.fn(), stats: jest.fn(), clear }], 0);
    jest.advanceTimersByTime(24 * 3600 * 1000);
    expect(clear).not.toHaveBeenCalled();
  });

  it("is wired into the server and stops when the server closes", async () => {
    jest.useFakeTimers();
    const clear = jest.fn();
    const app = buildServer({
      staticDir: makeStaticDir(),
      cacheSeconds: 30,
      createStore: () => ({ get: jest.fn(), stats: jest.fn(), clear }),
    });
    jest.advanceTimersByTime(30_000);
    expect(clear).toHaveBeenCalledTimes(PROVIDER_NAMES.length); // one store per provider
    jest.useRealTimers();
    await app.close();
    clear.mockClear();
    jest.useFakeTimers();
    jest.advanceTimersByTime(60_000);
    expect(clear).not.toHaveBeenCalled();
  });
});
