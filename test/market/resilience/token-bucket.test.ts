import { TokenBucket } from "../../../src/market/resilience";

function bucket(capacity: number, windowMs: number): { bucket: TokenBucket; setTime: (ms: number) => void } {
  let time = 0;
  return { bucket: new TokenBucket({ capacity, windowMs, now: () => time }), setTime: (ms) => (time = ms) };
}

describe("TokenBucket", () => {
  it("holds the whole window: five a minute are five at once", () => {
    const { bucket: b } = bucket(5, 60_000);
    expect(b.available()).toBe(5);
    for (let i = 0; i < 5; i++) b.take().send();
    expect(b.available()).toBe(0);
    expect(() => b.take()).toThrow(RangeError);
  });

  it("gives a token back one window after its request was sent, not before", () => {
    const { bucket: b, setTime } = bucket(2, 60_000);
    b.take().send();
    setTime(10_000);
    b.take().send();
    expect(b.returnTime(0)).toBe(60_000);
    expect(b.returnTime(1)).toBe(70_000);
    expect(b.returnTime(2)).toBeNull();
    setTime(59_999);
    expect(b.available()).toBe(0);
    setTime(60_000);
    expect(b.available()).toBe(1);
    setTime(70_000);
    expect(b.available()).toBe(2);
  });

  it("starts a token's window when the request is sent (a slot may come later), counting it out meanwhile", () => {
    const { bucket: b, setTime } = bucket(1, 1_000);
    const lease = b.take();
    expect(b.available()).toBe(0);
    setTime(5_000);
    expect(b.returnTime(0)).toBe(6_000); // as if sent now
    lease.send();
    setTime(5_999);
    expect(b.available()).toBe(0);
    setTime(6_000);
    expect(b.available()).toBe(1);
  });

  it("takes back at once a token whose request never went out", () => {
    const { bucket: b } = bucket(1, 60_000);
    const lease = b.take();
    lease.release();
    lease.send(); // too late: released already
    expect(b.available()).toBe(1);
  });

  it("keeps fifty an hour at fifty in any hour (a continuous refill would allow 99)", () => {
    const { bucket: b, setTime } = bucket(50, 3_600_000);
    const sent: number[] = [];
    for (let time = 0; time < 2 * 3_600_000; time += 1_000) {
      setTime(time);
      while (b.available() > 0) {
        b.take().send();
        sent.push(time);
      }
    }
    for (const start of sent) expect(sent.filter((t) => t >= start && t < start + 3_600_000).length).toBeLessThanOrEqual(50);
    expect(sent).toHaveLength(100);
  });

  it("rejects a capacity that is not a whole number ≥ 1, or a window that is not positive", () => {
    expect(() => bucket(0, 1000)).toThrow(RangeError);
    expect(() => bucket(0.5, 1000)).toThrow(RangeError);
    expect(() => bucket(1, 0)).toThrow(RangeError);
    expect(() => bucket(1, Number.NaN)).toThrow(RangeError);
  });
});
