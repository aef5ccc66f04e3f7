// Several files read at once, their results kept in the order the files were given: the intake's
// list (and which of two copies counts as the first) never depends on which read finished first.

/** `work` on each item, at most `limit` at a time; results in the items' order. */
export async function mapInOrder<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function lane(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  }
  const lanes = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
