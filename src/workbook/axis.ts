/** Round axes for the relative-strength chart: shared by the SVG preview and both Excel writers. */

/** A round step (1, 2, 5 × 10^k) giving about `count` intervals over [min, max]. */
export function niceStep(min: number, max: number, count = 4): number {
  const magnitude = 10 ** Math.floor(Math.log10((max - min) / count));
  return [1, 2, 5, 10]
    .map((m) => m * magnitude)
    .reduce((best, candidate) => (Math.abs((max - min) / candidate - count) < Math.abs((max - min) / best - count) ? candidate : best));
}

/** Integer multiples of `step`, rounded, so 3 × 0.2 is 0.6 and not 0.6000000000000001. */
const multiple = (k: number, step: number): number => Number((k * step).toPrecision(12)) || 0;

/** Round tick values (1, 2, 5 × 10^k apart) inside [min, max], about `count` intervals. */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min];
  const step = niceStep(min, max, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(multiple(k, step));
  return ticks;
}

/**
 * The value axis for data in [min, max]: widened to whole steps, so the first and last gridlines
 * frame the data and there are always at least three of them.
 */
export function niceAxis(min: number, max: number, count = 4): { min: number; max: number; ticks: number[] } {
  const step = niceStep(min, max, count);
  const low = Math.floor(min / step + 1e-9);
  const high = Math.max(Math.ceil(max / step - 1e-9), low + 2);
  const ticks = Array.from({ length: high - low + 1 }, (_, i) => multiple(low + i, step));
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks };
}

/** Decimals a percentage label needs for gridlines `step` apart (as a fraction): 0.05 → 0, 0.005 → 1. */
export function percentDecimals(step: number): number {
  return Math.min(4, Math.max(0, Math.ceil(-Math.log10(step * 100) - 1e-9)));
}

export interface ValueAxisScale {
  readonly minimum: number;
  readonly maximum: number;
  readonly majorUnit: number;
  readonly numberFormat: string;
}

/**
 * The value axis for the calculated relative strengths: whole round steps framing the data and
 * zero, four or so gridlines, labels with the decimals the step needs. Null when no cell holds a
 * number (then Excel's automatic axis stays).
 */
export function valueAxisScale(values: readonly (readonly unknown[])[]): ValueAxisScale | null {
  const numbers = values.flat().filter((value): value is number => typeof value === "number" && Number.isFinite(value));
  if (numbers.length === 0) return null;
  let low = Math.min(0, ...numbers);
  let high = Math.max(0, ...numbers);
  if (high === low) {
    high += 0.01;
    low -= 0.01;
  }
  const axis = niceAxis(low, high);
  const decimals = percentDecimals(axis.ticks[1] - axis.ticks[0]);
  return {
    minimum: axis.min,
    maximum: axis.max,
    majorUnit: Number((axis.ticks[1] - axis.ticks[0]).toPrecision(12)),
    numberFormat: decimals === 0 ? "0%" : `0.${"0".repeat(decimals)}%`,
  };
}

/** Months between two ticks (or labels), smallest first: monthly while it fits. */
const MONTH_STEPS = [1, 2, 3, 6, 12];

/** Months between two ticks (or labels) for `months` months with room for at most `max` of them. */
export function monthStep(months: number, max: number, multipleOf = 1): number {
  return MONTH_STEPS.find((step) => step % multipleOf === 0 && Math.ceil(months / step) <= max) ?? 12;
}
