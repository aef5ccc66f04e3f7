/** Prints one benchmark line: the figure, the goal, and whether it is met. */
export function report(name: string, value: number, unit: string, goal: string, met: boolean): void {
  console.log(
    `BENCH ${name}: ${value.toFixed(unit === 'x' ? 2 : 1)}${unit === 'x' ? '×' : ` ${unit}`} (goal ${goal}) ${met ? 'MET' : 'NOT MET'}`,
  );
}

/** Median wall time of `runs` calls, in milliseconds. */
export function medianMs(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
