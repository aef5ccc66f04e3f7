/** Prints one benchmark line: the figure, the goal, and whether it is met. */
export function report(name: string, value: number, unit: string, goal: string, met: boolean): void {
  console.log(
    `BENCH ${name}: ${value.toFixed(unit === 'x' ? 2 : 1)}${unit === 'x' ? '×' : ` ${unit}`} (goal ${goal}) ${met ? 'MET' : 'NOT MET'}`,
  );
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** Wall time of one call, in milliseconds. */
export function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Median wall time of `runs` calls, in milliseconds. */
export function medianMs(runs: number, fn: () => void): number {
  return median(Array.from({ length: runs }, () => timeMs(fn)));
}

/**
 * Prints a ratio of paired runs (Recert's time over the baseline's, timed in turn): the ratio of the
 * medians, and the range of the per-run ratios, which is the machine's noise on this figure.
 */
export function reportRatio(name: string, ours: readonly number[], baseline: readonly number[], goal: number | null): number {
  const ratio = median(ours) / median(baseline);
  const each = ours.map((value, i) => value / (baseline[i] ?? Number.NaN));
  const range = `${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}× over ${each.length} runs`;
  report(`${name} (range ${range})`, ratio, 'x', goal === null ? 'reference' : `≤ ${goal}×`, goal === null || ratio <= goal);
  return ratio;
}
