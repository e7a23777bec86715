/** Layout of a simple line chart, kept apart from the SVG so it can be tested without a DOM. */

export interface ChartLine {
  readonly label: string;
  /** One value per x position; null leaves a gap. */
  readonly values: readonly (number | null)[];
}

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

export interface ChartGeometry {
  /** SVG path data per line ("M x y L x y …"), gaps start a new "M". */
  readonly paths: readonly string[];
  /** Horizontal grid lines: value and y. */
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  /** y of the zero line, when zero is inside the range. */
  readonly zeroY: number | null;
  readonly xOf: (index: number) => number;
}

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

export function chartGeometry(lines: readonly ChartLine[], box: ChartBox): ChartGeometry {
  const count = Math.max(0, ...lines.map((line) => line.values.length));
  const finite = lines.flatMap((line) => line.values.filter((v): v is number => v !== null && Number.isFinite(v)));
  let dataMin = finite.length > 0 ? Math.min(0, ...finite) : 0;
  let dataMax = finite.length > 0 ? Math.max(0, ...finite) : 1;
  if (dataMax === dataMin) {
    dataMax += 0.01;
    dataMin -= 0.01;
  }
  const axis = niceAxis(dataMin, dataMax);
  const { min, max } = axis;
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const xOf = (index: number): number => box.left + (count <= 1 ? plotWidth / 2 : (index / (count - 1)) * plotWidth);
  const yOf = (value: number): number => box.top + ((max - value) / (max - min)) * plotHeight;
  const round = (n: number): string => n.toFixed(1);

  const paths = lines.map((line) => {
    let path = "";
    let drawing = false;
    line.values.forEach((value, index) => {
      if (value === null || !Number.isFinite(value)) {
        drawing = false;
        return;
      }
      path += `${path === "" ? "" : " "}${drawing ? "L" : "M"}${round(xOf(index))} ${round(yOf(value))}`;
      drawing = true;
    });
    return path;
  });
  return {
    paths,
    yTicks: axis.ticks.map((value) => ({ value, y: yOf(value) })),
    zeroY: min <= 0 && max >= 0 ? yOf(0) : null,
    xOf,
  };
}

/** Decimals a percentage label needs for gridlines `step` apart (as a fraction): 0.05 → 0, 0.005 → 1. */
export function percentDecimals(step: number): number {
  return Math.min(4, Math.max(0, Math.ceil(-Math.log10(step * 100) - 1e-9)));
}
