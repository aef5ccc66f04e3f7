// Exhibits checked a few at a time: never more bytes at once than the budget (but always one),
// the results in order, and one failure only its own.
import { describe, expect, it } from 'vitest';
import { inFlightByBytes } from '../../../main/core/packet/in-flight';

function tick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1));
}

describe('work bounded by the bytes in flight', () => {
  it('holds at most the budget at once, and an item larger than the budget alone', async () => {
    const sizes = [4, 4, 4, 30, 2, 2, 9, 1];
    let held = 0;
    let most = 0;
    const alone: boolean[] = [];
    const results = inFlightByBytes(
      sizes,
      (size) => size,
      10,
      async (size) => {
        held += size;
        most = Math.max(most, held);
        if (size === 30) alone.push(held === 30);
        await tick();
        await tick();
        held -= size;
        return size * 10;
      },
    );
    expect(await Promise.all(results)).toEqual(sizes.map((size) => size * 10));
    expect(alone).toEqual([true]);
    // 30 alone; otherwise never past 10, but two or more at a time.
    expect(most).toBe(30);
    let pairs = 0;
    held = 0;
    most = 0;
    await Promise.all(
      inFlightByBytes(
        [4, 4, 4, 2, 2, 1],
        (size) => size,
        10,
        async (size) => {
          held += size;
          most = Math.max(most, held);
          if (held > size) pairs += 1;
          await tick();
          held -= size;
        },
      ),
    );
    expect(most).toBeLessThanOrEqual(10);
    expect(pairs).toBeGreaterThan(0);
  });

  it('keeps going after a failure, which rejects only its own result', async () => {
    const results = inFlightByBytes(
      [1, 2, 3],
      (n) => n,
      2,
      async (n) => {
        await tick();
        if (n === 2) throw new Error('two failed');
        return n;
      },
    );
    await expect(results[0]).resolves.toBe(1);
    await expect(results[1]).rejects.toThrow('two failed');
    await expect(results[2]).resolves.toBe(3);
  });
});
