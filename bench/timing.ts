import { performance } from "node:perf_hooks";

export interface Timing {
  /** Median wall time of one run, ms. */
  medianMs: number;
  /** Fastest run, ms. */
  bestMs: number;
  runs: number;
}

/**
 * Times several pieces of work in rounds, one run of each per round, after `warmUps`
 * untimed rounds. Interleaving exposes them all to the same conditions (other processes,
 * garbage collection, the state of the memory allocator), so their medians compare. Each
 * round starts one work later than the one before, so that no work always follows the
 * same one (whose garbage it would then always be the one to collect).
 */
export function timeInterleaved(works: readonly (() => unknown)[], runs: number, warmUps: number): Timing[] {
  let sink = 0;
  const samples = works.map(() => [] as number[]);
  for (let round = 0; round < warmUps + runs; round++) {
    for (let k = 0; k < works.length; k++) {
      const i = (round + k) % works.length;
      const t0 = performance.now();
      const result = works[i]();
      const elapsed = performance.now() - t0;
      sink += keep(result);
      if (round >= warmUps) samples[i].push(elapsed);
    }
  }
  if (sink === 42.4242) console.log(""); // keeps results observable so nothing is optimised away
  return samples.map((s) => summarise(s));
}

/** Runs `work` `warmUps` times untimed, then `runs` times timed. */
export function time(work: () => unknown, runs: number, warmUps: number): Timing {
  return timeInterleaved([work], runs, warmUps)[0];
}

function summarise(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: sorted[sorted.length >> 1], bestMs: sorted[0], runs: sorted.length };
}

function keep(result: unknown): number {
  if (result instanceof Float64Array) return result[result.length - 1];
  if (Array.isArray(result)) return result.length;
  if (result !== null && typeof result === "object") return Object.keys(result).length;
  return 0;
}

export function mpointsPerSecond(points: number, ms: number): number {
  return points / (ms / 1000) / 1e6;
}
