import { TokenBucket } from "../../../src/market/resilience";

function bucket(capacity: number, perMinute: number): { bucket: TokenBucket; setTime: (ms: number) => void } {
  let time = 0;
  return { bucket: new TokenBucket({ capacity, refillPerMs: perMinute / 60_000, now: () => time }), setTime: (ms) => (time = ms) };
}

describe("TokenBucket", () => {
  it("hands out its capacity at once, then one token per refill interval, first come first served", () => {
    const { bucket: b } = bucket(2, 5); // 5 a minute: one every 12 s
    expect(b.reserve()).toEqual({ ok: true, waitMs: 0 });
    expect(b.reserve()).toEqual({ ok: true, waitMs: 0 });
    expect(b.reserve().waitMs).toBeCloseTo(12_000, 6);
    expect(b.reserve().waitMs).toBeCloseTo(24_000, 6);
  });

  it("declines a reservation whose wait exceeds the caller's limit, without taking a token", () => {
    const { bucket: b } = bucket(1, 5);
    b.reserve();
    expect(b.reserve(10_000)).toEqual({ ok: false, waitMs: expect.closeTo(12_000, 6) });
    expect(b.reserve(12_000)).toEqual({ ok: true, waitMs: expect.closeTo(12_000, 6) });
  });

  it("refills with time but never beyond its capacity", () => {
    const { bucket: b, setTime } = bucket(2, 60);
    b.reserve();
    b.reserve();
    expect(b.waitMs()).toBeCloseTo(1000, 6);
    setTime(500);
    expect(b.waitMs()).toBeCloseTo(500, 6);
    setTime(3_600_000);
    expect(b.reserve().waitMs).toBe(0);
    expect(b.reserve().waitMs).toBe(0);
    expect(b.reserve().waitMs).toBeCloseTo(1000, 6);
  });

  it("takes back a token its caller did not use", () => {
    const { bucket: b } = bucket(1, 5);
    b.reserve();
    b.reserve(); // waits 12 s …
    b.refund(); // … but gave up
    expect(b.waitMs()).toBeCloseTo(12_000, 6);
  });

  it("holds every token until a given time (Retry-After), then resumes the normal rate", () => {
    const { bucket: b, setTime } = bucket(3, 60);
    b.holdUntil(40_000);
    expect(b.reserve().waitMs).toBeCloseTo(40_000, 6);
    expect(b.reserve().waitMs).toBeCloseTo(41_000, 6);
    setTime(41_000);
    expect(b.waitMs()).toBeCloseTo(1000, 6);
    b.holdUntil(0); // in the past: no effect
    expect(b.waitMs()).toBeCloseTo(1000, 6);
  });

  it("rejects a capacity below 1 or a rate that is not positive", () => {
    expect(() => bucket(0, 5)).toThrow(RangeError);
    expect(() => bucket(1, 0)).toThrow(RangeError);
    expect(() => bucket(1, Number.NaN)).toThrow(RangeError);
  });
});
