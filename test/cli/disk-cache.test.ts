import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DailySeries, HistoryProvider, HistoryRequest, HistoryStore, Ticker } from "../../src/market";
import { defaultCacheDirectory, DiskSeriesCache } from "../../src/market/store/node";
import { replayOf, yahooRecording } from "../support/recordings";
import { startReplayServer, type ReplayServer } from "../support/replay-server";
import { makeSeries } from "../support/series-builder";
import { buildXlsx, formulaCell } from "../workbook/support/xlsx-fixture";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "mkt-cache-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the command line's disk cache of histories", () => {
  it("lives in the user's cache folder unless MKT_CACHE_DIR says otherwise", () => {
    expect(defaultCacheDirectory({ HOME: "/home/a", XDG_CACHE_HOME: "/xdg" }, "linux")).toBe("/xdg/rotation-desk");
    expect(defaultCacheDirectory({ MKT_CACHE_DIR: "/tmp/c" }, "linux")).toBe("/tmp/c");
    expect(defaultCacheDirectory({}, "darwin")).toBe(path.join(os.homedir(), "Library", "Caches", "rotation-desk"));
    expect(defaultCacheDirectory({ LOCALAPPDATA: "C:\\Users\\a\\AppData\\Local" }, "win32")).toBe(
      path.join("C:\\Users\\a\\AppData\\Local", "rotation-desk", "Cache"),
    );
  });

  it("keeps a history across processes, exactly, and treats a damaged file as a miss", async () => {
    const series = makeSeries("BRK-B", [1, 2, 3, 4]);
    await new DiskSeriesCache({ directory: dir }).set("yahoo:BRK-B", series);
    const files = fs.readdirSync(path.join(dir, "series"));
    expect(files).toEqual(["yahoo%3ABRK-B.series.gz"]);
    const again = await new DiskSeriesCache({ directory: dir }).get("yahoo:BRK-B");
    expect(again).toEqual(series);
    fs.writeFileSync(path.join(dir, "series", files[0]), "not gzip");
    expect(await new DiskSeriesCache({ directory: dir }).get("yahoo:BRK-B")).toBeNull();
    expect(fs.readdirSync(path.join(dir, "series"))).toEqual([]);
  });

  it("stays within its bound, dropping the least recently used histories first", async () => {
    const probe = new DiskSeriesCache({ directory: path.join(dir, "probe") });
    await probe.set("x:A", makeSeries("A", [1, 2, 3]));
    const one = await probe.size();
    const cache = new DiskSeriesCache({ directory: dir, maxBytes: Math.floor(one * 2.5) });
    await cache.set("x:A", makeSeries("A", [1, 2, 3]));
    await cache.set("x:B", makeSeries("B", [1, 2, 3]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await cache.get("x:A"); // A is now the most recently used
    await cache.set("x:C", makeSeries("C", [1, 2, 3]));
    expect(await cache.get("x:B")).toBeNull();
    expect(await cache.get("x:A")).not.toBeNull();
    expect(await cache.size()).toBeLessThanOrEqual(Math.floor(one * 2.5));
  });

  it("makes the next morning's run ask the provider only for the sessions since (a tail request)", async () => {
    const requests: (HistoryRequest | undefined)[] = [];
    const provider: HistoryProvider = {
      name: "yahoo",
      fetchHistory: async (ticker: Ticker, request?: HistoryRequest): Promise<DailySeries> => {
        requests.push(request);
        return { ...makeSeries(ticker, [10, 11, 12, 13, 14, 15]), fetchedAt: clock };
      },
    };
    let clock = Date.UTC(2026, 10, 30, 19, 0); // Monday 14:00 in New York, before the close
    const monday = new HistoryStore(provider, { cache: new DiskSeriesCache({ directory: dir }), supportsSince: true, now: () => clock });
    await monday.get("IWM" as Ticker);
    await monday.flush();
    clock = Date.UTC(2026, 11, 1, 12, 0); // Tuesday 07:00 in New York: a new process, the same disk, a stale copy
    const morning = new HistoryStore(provider, { cache: new DiskSeriesCache({ directory: dir }), supportsSince: true, now: () => clock });
    await morning.get("IWM" as Ticker);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toBeUndefined();
    expect(requests.slice(1).every((request) => typeof request?.since === "number")).toBe(true);
  });
});

describe("mkt refresh with the disk cache", () => {
  let yahoo: ReplayServer;
  beforeAll(async () => {
    yahoo = await startReplayServer([
      { path: "/v8/finance/chart/TSLA", respond: replayOf(yahooRecording("historical-via-chart-dividends-TSLA-no-dividends.json")) },
    ]);
  });
  afterAll(() => yahoo.close());

  function refresh(book: string, cacheDir: string, extra: string[] = []): Promise<number> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        [path.resolve(__dirname, "../../bin/mkt.js"), "refresh", book, "-o", path.join(path.dirname(book), "out.xlsx"), ...extra],
        { env: { ...process.env, MKT_YAHOO_URL: yahoo.url, MKT_CACHE_DIR: cacheDir }, timeout: 30_000 },
        (error) => resolve(error === null ? 0 : Number(error.code)),
      );
    });
  }

  it("answers a second run from disk without asking Yahoo; --no-cache asks again", async () => {
    const book = path.join(dir, "book.xlsx");
    fs.writeFileSync(
      book,
      buildXlsx({
        sheets: [
          { name: "S", rows: `<row r="1">${formulaCell("A1", 'MKT.SMA("TSLA",50)', 0)}${formulaCell("B1", 'MKT.PRICE("TSLA")', 0)}</row>` },
        ],
      }),
    );
    const cache = path.join(dir, "cache");
    const before = yahoo.requests.length;
    expect(await refresh(book, cache)).toBe(0);
    expect(yahoo.requests.length - before).toBe(1);
    expect(fs.readdirSync(path.join(cache, "series"))).toEqual(["yahoo%3ATSLA.series.gz"]);
    expect(await refresh(book, cache)).toBe(0);
    expect(yahoo.requests.length - before).toBe(1);
    expect(await refresh(book, cache, ["--no-cache"])).toBe(0);
    expect(yahoo.requests.length - before).toBe(2);
  });
});
