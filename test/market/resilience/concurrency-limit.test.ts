import { ConcurrencyLimit } from "../../../src/market/resilience";

describe("ConcurrencyLimit", () => {
  it("lets `limit` holders in and queues the rest in arrival order", async () => {
    const limit = new ConcurrencyLimit(2);
    const a = await limit.acquire();
    const b = await limit.acquire();
    const order: string[] = [];
    const c = limit.acquire().then((release) => (order.push("c"), release));
    const d = limit.acquire().then((release) => (order.push("d"), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(limit.waiting).toBe(2);
    a?.();
    const releaseC = await c;
    expect(order).toEqual(["c"]);
    b?.();
    await d;
    expect(order).toEqual(["c", "d"]);
    releaseC?.();
    releaseC?.(); // a second release is ignored
    expect(limit.waiting).toBe(0);
  });

  it("answers null to a waiter whose signal aborts, and skips it when a slot frees", async () => {
    const limit = new ConcurrencyLimit(1);
    const first = await limit.acquire();
    const controller = new AbortController();
    const leaving = limit.acquire(controller.signal);
    const staying = limit.acquire();
    controller.abort();
    expect(await leaving).toBeNull();
    expect(limit.waiting).toBe(1);
    first?.();
    expect(await staying).toEqual(expect.any(Function));
    expect(await limit.acquire(AbortSignal.abort())).toBeNull();
  });

  it("rejects a limit that is not a whole number of at least 1", () => {
    expect(() => new ConcurrencyLimit(0)).toThrow(RangeError);
    expect(() => new ConcurrencyLimit(1.5)).toThrow(RangeError);
  });
});
