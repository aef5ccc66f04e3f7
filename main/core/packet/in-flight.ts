// Work on many files at once, bounded by the bytes they hold rather than by their number: a packet
// checked all its exhibits at once, and every scan, read and parsed, sat in memory with all the
// others (a large part of the packet's peak), where a few at a time keep zlib's thread pool as busy.

/**
 * Runs `run` on each item in order, starting the next while those running hold fewer than `budget`
 * bytes between them (always at least one); the results come back in order. An item's failure is
 * its own promise's and does not stop the others.
 */
export function inFlightByBytes<T, R>(
  items: readonly T[],
  bytesOf: (item: T) => number,
  budget: number,
  run: (item: T) => Promise<R>,
): Promise<R>[] {
  let held = 0;
  let running = 0;
  let next = 0;
  const costs = items.map(bytesOf);
  const starts: (() => void)[] = [];
  const results = items.map(
    (item, i) =>
      new Promise<R>((resolve, reject) => {
        starts.push(() => {
          const bytes = costs[i] ?? 0;
          held += bytes;
          running += 1;
          const settled = () => {
            held -= bytes;
            running -= 1;
            pump();
          };
          Promise.resolve()
            .then(() => run(item))
            .then(resolve, reject)
            .finally(settled);
        });
      }),
  );
  function pump(): void {
    while (next < items.length) {
      if (running > 0 && held + (costs[next] ?? 0) > budget) return;
      starts[next++]?.();
    }
  }
  pump();
  return results;
}
