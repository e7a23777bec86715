/**
 * `npm run bench`: throughput of the analytics kernels beside technicalindicators and
 * trading-signals on the same data in the same process, and beside a plain Float64Array
 * loop timed in the same rounds, plus correctness and precision checks so that a
 * fast-but-wrong kernel cannot pass unnoticed.
 */
import os from "node:os";
import * as ti from "technicalindicators";
import * as ts from "trading-signals";
import { ema, macd, MaCross, maCrosses, rsi, sma, smaCrosses } from "../src/analytics";
import { randomWalk } from "./random-walk";
import { mpointsPerSecond, time, timeInterleaved, Timing } from "./timing";

/** One size's data, prepared before any timing. */
interface Inputs {
  values: Float64Array;
  plain: number[];
  /** sma(values, 50) and sma(values, 200), for the kernel that starts from two averages. */
  sma50: Float64Array;
  sma200: Float64Array;
  /** technicalindicators' SMA(50) and SMA(200), aligned: both start on day 199. */
  tiSma50: number[];
  tiSma200: number[];
}

type Work = (inputs: Inputs) => unknown;

const fmt = (value: number, digits = 1) => value.toFixed(digits);
const pad = (text: string, width: number) => text.padStart(width);

interface Kernel {
  name: string;
  /** Our target at 10^6 points, Mpoints/s. */
  target: number;
  /** Must be at least as fast as the plain loop (median, 10^6 points). */
  atLeastPlainLoop?: boolean;
  ours: Work;
  technicalindicators: Work;
  tradingSignals: Work;
}

/**
 * The baseline the kernels are held against: one multiply-add per point from a
 * Float64Array into a new Float64Array, the least a kernel returning a series does.
 */
function plainLoop(x: Float64Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] * 0.5 + 1;
  return out;
}

/** Golden and death crosses from two aligned lines, with technicalindicators' CrossUp/CrossDown. */
function tiCrosses(fast: number[], slow: number[]): number {
  const up = ti.CrossUp.calculate({ lineA: fast, lineB: slow });
  const down = ti.CrossDown.calculate({ lineA: fast, lineB: slow });
  let count = 0;
  for (let i = 0; i < up.length; i++) if (up[i] || down[i]) count++;
  return count;
}

/** Crosses counted with trading-signals' hasCrossedOver/hasCrossedUnder on two lines (null: not yet). */
function tsCrosses(fast: ArrayLike<number | null>, slow: ArrayLike<number | null>): number {
  let count = 0;
  for (let i = 1; i < fast.length; i++) {
    const [pa, pb, a, b] = [fast[i - 1], slow[i - 1], fast[i], slow[i]];
    if (pa === null || pb === null || a === null || b === null) continue;
    if (ts.hasCrossedOver(pa, pb, a, b) || ts.hasCrossedUnder(pa, pb, a, b)) count++;
  }
  return count;
}

const kernels: Kernel[] = [
  {
    name: "SMA(50)",
    target: 500,
    atLeastPlainLoop: true,
    ours: ({ values }) => sma(values, 50),
    technicalindicators: ({ plain }) => ti.SMA.calculate({ period: 50, values: plain }),
    tradingSignals: ({ plain }) => new ts.SMA(50).updates(plain),
  },
  {
    name: "EMA(26)",
    target: 300,
    ours: ({ values }) => ema(values, 26),
    technicalindicators: ({ plain }) => ti.EMA.calculate({ period: 26, values: plain }),
    tradingSignals: ({ plain }) => new ts.EMA(26).updates(plain),
  },
  {
    name: "RSI(14)",
    target: 100,
    ours: ({ values }) => rsi(values, 14),
    technicalindicators: ({ plain }) => ti.RSI.calculate({ period: 14, values: plain }),
    tradingSignals: ({ plain }) => new ts.RSI(14).updates(plain),
  },
  {
    name: "MACD(12,26,9)",
    target: 100,
    ours: ({ values }) => macd(values, 12, 26, 9),
    technicalindicators: ({ plain }) =>
      ti.MACD.calculate({
        values: plain,
        fastPeriod: 12,
        slowPeriod: 26,
        signalPeriod: 9,
        SimpleMAOscillator: false,
        SimpleMASignal: false,
      }),
    tradingSignals: ({ plain }) => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9)).updates(plain),
  },
  {
    // MA-cross detection from the closes: both averages and their crosses.
    name: "Cross(50,200)",
    target: 400,
    atLeastPlainLoop: true,
    ours: ({ values }) => smaCrosses(values, 50, 200),
    technicalindicators: ({ plain }) => {
      const fast = ti.SMA.calculate({ period: 50, values: plain });
      return tiCrosses(fast.slice(150), ti.SMA.calculate({ period: 200, values: plain }));
    },
    tradingSignals: ({ plain }) => tsCrosses(new ts.SMA(50).updates(plain), new ts.SMA(200).updates(plain)),
  },
  {
    // maCrosses alone, on two averages already computed: it reads two series (16 MB at
    // 10^6 points) where the plain loop reads one, so it is timed for reference only.
    name: "maCrosses",
    target: 400,
    ours: ({ sma50, sma200 }) => maCrosses(sma50, sma200),
    technicalindicators: ({ tiSma50, tiSma200 }) => tiCrosses(tiSma50, tiSma200),
    tradingSignals: ({ sma50, sma200 }) => tsCrosses(sma50, sma200),
  },
];

const SIZES = [10_000, 100_000, 1_000_000];
const TARGET_RATIO = 50;

/** [timed runs, warm-up runs] per size: many for ours, few for the slow libraries. */
function repetitions(size: number, fast: boolean): [number, number] {
  if (fast) return size <= 10_000 ? [201, 100] : size <= 100_000 ? [101, 20] : [51, 5];
  return size <= 10_000 ? [5, 2] : size <= 100_000 ? [3, 1] : [3, 0];
}

interface Row {
  size: number;
  kernel: Kernel;
  ours: Timing;
  /** The plain loop, timed in the same rounds as ours. */
  plainLoop: Timing;
  technicalindicators: Timing;
  tradingSignals: Timing;
}

interface Measured {
  rows: Row[];
  /** The plain loop, timed in the same rounds as ours. */
  plainLoops: Map<number, Timing>;
  /** Allocating and writing a fresh Float64Array(n), timed in the same rounds as ours. */
  floors: Map<number, Timing>;
}

function prepare(size: number): Inputs {
  const values = randomWalk(size);
  const plain = Array.from(values);
  const tiSma50 = ti.SMA.calculate({ period: 50, values: plain }).slice(150);
  return {
    values,
    plain,
    sma50: sma(values, 50),
    sma200: sma(values, 200),
    tiSma50,
    tiSma200: ti.SMA.calculate({ period: 200, values: plain }),
  };
}

function measure(): Measured {
  const rows: Row[] = [];
  const plainLoops = new Map<number, Timing>();
  const floors = new Map<number, Timing>();
  for (const size of SIZES) {
    const inputs = prepare(size);
    const [fastRuns, fastWarm] = repetitions(size, true);
    const [slowRuns, slowWarm] = repetitions(size, false);
    const floor = () => new Float64Array(size).fill(1);
    const plain = () => plainLoop(inputs.values);
    const ours = timeInterleaved([...kernels.map((k) => () => k.ours(inputs)), plain, floor], fastRuns, fastWarm);
    plainLoops.set(size, ours[kernels.length]);
    floors.set(size, ours[kernels.length + 1]);
    kernels.forEach((kernel, i) => {
      rows.push({
        size,
        kernel,
        ours: ours[i],
        plainLoop: ours[kernels.length],
        technicalindicators: time(() => kernel.technicalindicators(inputs), slowRuns, slowWarm),
        tradingSignals: time(() => kernel.tradingSignals(inputs), slowRuns, slowWarm),
      });
    });
  }
  return { rows, plainLoops, floors };
}

/**
 * The least any kernel returning a new series can cost. When the allocator hands out
 * memory the OS has not mapped yet, first-touch page faults dominate it, and with it the
 * median of every single-output kernel; the best run shows the kernel on reused memory.
 */
function printFloor(plainLoops: Map<number, Timing>, floors: Map<number, Timing>): void {
  console.log("\nTimed in the same rounds as ours, Mpoints/s:");
  console.log("  plain loop: out = new Float64Array(n); out[i] = x[i] * 0.5 + 1");
  console.log("  floor:      new Float64Array(n).fill(1)");
  for (const size of SIZES) {
    const line = (name: string, timing: Timing) =>
      `${name} median ${fmt(mpointsPerSecond(size, timing.medianMs)).padStart(7)}` +
      `   best ${fmt(mpointsPerSecond(size, timing.bestMs)).padStart(7)}`;
    console.log(
      `  ${size.toExponential(0).padEnd(6)} ${line("plain loop", plainLoops.get(size)!)}     ${line("floor", floors.get(size)!)}`,
    );
  }
  console.log(
    "  A floor median far below its best means fresh, not yet mapped memory (page faults) in most runs;\n" +
      "  glibc keeps freed memory mapped with GLIBC_TUNABLES=glibc.malloc.mmap_threshold=268435456:" +
      "glibc.malloc.trim_threshold=1073741824",
  );
}

function printTable(rows: Row[]): void {
  const header = [
    "points".padEnd(9),
    "kernel".padEnd(14),
    pad("ours med", 9),
    pad("ours best", 10),
    pad("/plain", 7),
    pad("tech.ind.", 10),
    pad("trad.sig.", 10),
    pad("ours/TI", 8),
    pad("ours/TS", 8),
    pad("runs o/ti/ts", 13),
  ].join(" ");
  console.log(
    "Throughput in Mpoints/s (median of the timed runs; 'ours best' = fastest run; " +
      "'/plain' = ours median / plain loop median, same rounds)",
  );
  console.log(header);
  console.log("-".repeat(header.length));
  for (const row of rows) {
    const ours = mpointsPerSecond(row.size, row.ours.medianMs);
    const best = mpointsPerSecond(row.size, row.ours.bestMs);
    const theirs = mpointsPerSecond(row.size, row.technicalindicators.medianMs);
    const signals = mpointsPerSecond(row.size, row.tradingSignals.medianMs);
    console.log(
      [
        row.size.toExponential(0).padEnd(9),
        row.kernel.name.padEnd(14),
        pad(fmt(ours), 9),
        pad(fmt(best), 10),
        pad(`${fmt(row.plainLoop.medianMs / row.ours.medianMs, 2)}x`, 7),
        pad(fmt(theirs, 2), 10),
        pad(fmt(signals, 2), 10),
        pad(`${fmt(ours / theirs, 0)}x`, 8),
        pad(`${fmt(ours / signals, 0)}x`, 8),
        pad(`${row.ours.runs}/${row.technicalindicators.runs}/${row.tradingSignals.runs}`, 13),
      ].join(" "),
    );
  }
}

/**
 * Every kernel at 10^6 points against the plain loop of the same rounds, medians. SMA and
 * the cross detection must be at least as fast as it.
 */
function printPlainLoop(rows: Row[], plainLoops: Map<number, Timing>): boolean {
  const size = 1_000_000;
  const plain = plainLoops.get(size)!;
  const speed = (timing: Timing) => `${fmt(mpointsPerSecond(size, timing.medianMs)).padStart(6)} Mpoints/s`;
  console.log("\nAgainst the plain Float64Array loop at 10^6 points (medians of the same rounds):");
  console.log(`  ${"plain loop".padEnd(14)} ${speed(plain)}  1.00x plain loop`);
  let allMet = true;
  for (const row of rows.filter((r) => r.size === size)) {
    const ratio = plain.medianMs / row.ours.medianMs;
    const met = ratio >= 1;
    if (row.kernel.atLeastPlainLoop) allMet &&= met;
    const verdict = row.kernel.atLeastPlainLoop ? (met ? "  (≥ 1: met)" : "  (≥ 1: NOT MET)") : "";
    console.log(`  ${row.kernel.name.padEnd(14)} ${speed(row.ours)}  ${fmt(ratio, 2)}x plain loop${verdict}`);
  }
  return allMet;
}

function printTargets(rows: Row[]): boolean {
  console.log("\nTargets at 10^6 points (Mpoints/s ≥ target and ≥ 50x technicalindicators' median):");
  let allMet = true;
  for (const row of rows.filter((r) => r.size === 1_000_000)) {
    const verdict = (oursMs: number) => {
      const speed = mpointsPerSecond(row.size, oursMs);
      const ratio = row.technicalindicators.medianMs / oursMs;
      const met = speed >= row.kernel.target && ratio >= TARGET_RATIO;
      const text = `${fmt(speed).padStart(6)} Mpoints/s ${fmt(ratio, 0).padStart(4)}x ${met ? "met" : "NOT MET"}`;
      return { met, text };
    };
    const median = verdict(row.ours.medianMs);
    const best = verdict(row.ours.bestMs);
    allMet &&= best.met;
    const name = `${row.kernel.name.padEnd(14)} target ${String(row.kernel.target).padStart(3)}`;
    console.log(`  ${name}   median: ${median.text}   best: ${best.text}`);
  }
  return allMet;
}

/**
 * Largest |ours[offset + j] − theirs[j]| over j ≥ from, divided by max(1, |theirs[j]|) when
 * `relative` (prices wander over orders of magnitude); NaN when anything is missing.
 */
function maxDiff(ours: Float64Array, theirs: ArrayLike<number | undefined>, offset: number, from = 0, relative = true): number {
  let worst = 0;
  if (ours.length !== theirs.length + offset) return NaN;
  for (let j = from; j < theirs.length; j++) {
    const value = theirs[j];
    if (value === undefined) return NaN;
    const scale = relative ? Math.max(1, Math.abs(value)) : 1;
    worst = Math.max(worst, Math.abs(ours[offset + j] - value) / scale);
  }
  return worst;
}

function printAgreement(): boolean {
  const size = 100_000;
  const x = randomWalk(size);
  const v = Array.from(x);
  const m = macd(x, 12, 26, 9);
  const theirMacd = ti.MACD.calculate({
    values: v,
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  });
  // technicalindicators seeds the fast EMA at index fast − 1 instead of slow − 1, so its
  // MACD converges to TA-Lib's only after a few hundred bars: compare from bar 1000 on.
  const settled = 1000;
  const checks: [string, number, number][] = [
    ["SMA(50)", maxDiff(sma(x, 50), ti.SMA.calculate({ period: 50, values: v }), 49), 1e-9],
    ["EMA(26)", maxDiff(ema(x, 26), ti.EMA.calculate({ period: 26, values: v }), 25), 1e-9],
    // technicalindicators rounds RSI to 2 decimals, so compare absolutely within half a cent.
    ["RSI(14) (absolute)", maxDiff(rsi(x, 14), ti.RSI.calculate({ period: 14, values: v }), 14, 0, false), 0.005 + 1e-9],
    [
      "MACD line",
      maxDiff(
        m.macd,
        theirMacd.map((r) => r.MACD),
        25,
        settled,
      ),
      1e-9,
    ],
    [
      "MACD signal",
      maxDiff(
        m.signal,
        theirMacd.map((r) => r.signal),
        25,
        settled,
      ),
      1e-9,
    ],
    [
      "MACD histogram",
      maxDiff(
        m.histogram,
        theirMacd.map((r) => r.histogram),
        25,
        settled,
      ),
      1e-9,
    ],
  ];
  console.log(`\nAgreement with technicalindicators on ${size.toExponential(0)} points (max |difference| / max(1, |value|)):`);
  let ok = true;
  for (const [name, diff, tolerance] of checks) {
    const pass = diff <= tolerance;
    ok &&= pass;
    const verdict = `(tolerance ${tolerance.toExponential(0)}) ${pass ? "ok" : "MISMATCH"}`;
    console.log(`  ${name.padEnd(19)} ${diff.toExponential(2).padStart(9)}  ${verdict}`);
  }
  return printCrossAgreement(x, v) && ok;
}

const crossKey = (c: MaCross) => `${c.index}:${c.kind}`;
const sameCrosses = (a: readonly MaCross[], b: readonly MaCross[]) =>
  a.length === b.length && a.every((c, i) => crossKey(c) === crossKey(b[i]));

/**
 * The fused cross detection against maCrosses on sma()'s two series (must be identical),
 * and against technicalindicators' CrossUp/CrossDown on its own SMAs.
 */
function printCrossAgreement(x: Float64Array, v: number[]): boolean {
  const ours = smaCrosses(x, 50, 200);
  const viaSeries = maCrosses(sma(x, 50), sma(x, 200));
  const fast = ti.SMA.calculate({ period: 50, values: v }).slice(150);
  const slow = ti.SMA.calculate({ period: 200, values: v });
  const up = ti.CrossUp.calculate({ lineA: fast, lineB: slow });
  const down = ti.CrossDown.calculate({ lineA: fast, lineB: slow });
  const theirs: MaCross[] = [];
  // CrossUp/CrossDown flag their first day whenever the lines differ on it; we count a
  // cross only after a first side, so their day 0 (day 199 here) is left out.
  for (let j = 1; j < up.length; j++) {
    if (up[j]) theirs.push({ index: j + 199, kind: "golden" });
    if (down[j]) theirs.push({ index: j + 199, kind: "death" });
  }
  const lines: [string, boolean][] = [
    [`Cross(50,200) = maCrosses(sma 50, sma 200), ${ours.length} crosses`, sameCrosses(ours, viaSeries)],
    [`Cross(50,200) = technicalindicators CrossUp/CrossDown, ${theirs.length} crosses`, sameCrosses(ours, theirs)],
  ];
  for (const [label, pass] of lines) console.log(`  ${label} ${pass ? "ok" : "MISMATCH"}`);
  return lines.every(([, pass]) => pass);
}

/** SMA by summing each window afresh: slow, but free of running-sum drift. */
function directSma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let i = period - 1; i < x.length; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += x[j];
    out[i] = sum / period;
  }
  return out;
}

/** What TA-Lib does: one running sum for the whole series. */
function plainRunningSma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    if (i >= period) sum -= x[i - period];
    if (i >= period - 1) out[i] = sum / period;
  }
  return out;
}

/** TA-Lib's EMA update order, (x − prev)·k + prev. */
function talibOrderEma(x: Float64Array, period: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < period; i++) sum += x[i];
  let prev = sum / period;
  out[period - 1] = prev;
  const k = 2 / (period + 1);
  for (let i = period; i < x.length; i++) out[i] = prev = (x[i] - prev) * k + prev;
  return out;
}

function maxRelative(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  }
  return worst;
}

function printPrecision(): void {
  const x = randomWalk(1_000_000);
  let low = Infinity;
  let high = -Infinity;
  for (const value of x) {
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const exact = directSma(x, 50);
  const range = `prices from ${low.toPrecision(3)} to ${high.toPrecision(3)}`;
  console.log(`\nPrecision on 1e+6 points (${range}), max relative error:`);
  const lines: [string, number][] = [
    ["SMA(50) ours (re-anchored running sum) vs direct window sums", maxRelative(sma(x, 50), exact)],
    ["SMA(50) one running sum (TA-Lib style) vs direct window sums", maxRelative(plainRunningSma(x, 50), exact)],
    ["EMA(26) ours vs TA-Lib's update order", maxRelative(ema(x, 26), talibOrderEma(x, 26))],
  ];
  for (const [label, error] of lines) console.log(`  ${`${label}:`.padEnd(62)} ${error.toExponential(2)}`);
}

const loadAverage = () => os.loadavg()[0].toFixed(2);

function main(): void {
  console.log(
    `Node ${process.version}, ${os.cpus().length} CPUs, load average ${loadAverage()}; ` +
      `random walk, sizes ${SIZES.map((s) => s.toExponential(0)).join(", ")}\n`,
  );
  const { rows, plainLoops, floors } = measure();
  printTable(rows);
  printFloor(plainLoops, floors);
  // Medians move with whatever else runs on the machine; the best run shows the kernel itself.
  console.log(`(load average after timing: ${loadAverage()})`);
  const plainLoopMet = printPlainLoop(rows, plainLoops);
  const targetsMet = printTargets(rows);
  const agrees = printAgreement();
  printPrecision();
  console.log(
    `\n${targetsMet ? "All targets met on the best run" : "Some targets NOT met even on the best run"}; ` +
      `${plainLoopMet ? "SMA and cross detection at least as fast as the plain loop" : "SMA or cross detection SLOWER than the plain loop"}; ` +
      `${agrees ? "results agree" : "RESULTS DISAGREE"}.`,
  );
  if (!agrees) process.exitCode = 1;
}

main();
