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
