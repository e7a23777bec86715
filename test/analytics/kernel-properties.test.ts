import fc from "fast-check";
import { rsi, sma } from "../../src/analytics";
import { kernelCases } from "./kernel-cases";

/** Finite prices (and some negative values, as for spreads), including long flat stretches. */
const price = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(0, 1, 100));
const series = fc.array(price, { maxLength: 150 }).map((xs) => Float64Array.from(xs));
const periods = fc
  .record({
    period: fc.integer({ min: 1, max: 40 }),
    fast: fc.integer({ min: 1, max: 20 }),
    extra: fc.integer({ min: 1, max: 20 }),
    signal: fc.integer({ min: 1, max: 15 }),
  })
  .map(({ period, fast, extra, signal }) => ({ period, fast, slow: fast + extra, signal }));

describe("kernel properties", () => {
  it("RSI stays within [0, 100] wherever it is defined", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: 40 }), (values, period) => {
        for (const value of rsi(values, period)) {
          if (!Number.isNaN(value)) {
            expect(value).toBeGreaterThanOrEqual(0);
            expect(value).toBeLessThanOrEqual(100);
          }
        }
      }),
    );
  });

  it("SMA of a constant series is that constant (within 1e-9 relative)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 60 }),
        (constant, length, period) => {
          const out = sma(new Float64Array(length).fill(constant), period);
          for (let i = period - 1; i < length; i++) {
            expect(Math.abs(out[i] - constant)).toBeLessThanOrEqual(1e-9 * Math.abs(constant));
          }
        },
      ),
    );
  });

  it("every kernel is NaN exactly during its warm-up (barsNeeded − 1 bars) and a number after", () => {
    fc.assert(
      fc.property(series, periods, (values, p) => {
        for (const kernel of kernelCases(p)) {
          const out = kernel.run(values);
          expect(out).toHaveLength(values.length);
          out.forEach((value, i) => {
            if (i < kernel.needed - 1) expect(value).toBeNaN();
            else expect(Number.isFinite(value)).toBe(true);
          });
        }
      }),
    );
  });

  it("no kernel reads outside its input (a subarray view gives the same output as a copy)", () => {
    const poison = fc.constantFrom(NaN, 1e300, -1e300, Infinity);
    fc.assert(
      fc.property(series, periods, poison, fc.integer({ min: 0, max: 5 }), (values, p, junk, offset) => {
        // The view sits inside a buffer whose head and tail are filled with junk.
        const buffer = new Float64Array(offset + values.length + 64).fill(junk);
        buffer.set(values, offset);
        const view = buffer.subarray(offset, offset + values.length);
        for (const kernel of kernelCases(p)) {
          expect(Array.from(kernel.run(view))).toEqual(Array.from(kernel.run(values.slice())));
        }
      }),
    );
  });

  it("kernels do not modify their input", () => {
    fc.assert(
      fc.property(series, periods, (values, p) => {
        const before = values.slice();
        for (const kernel of kernelCases(p)) kernel.run(values);
        expect(values).toEqual(before);
      }),
    );
  });
});
