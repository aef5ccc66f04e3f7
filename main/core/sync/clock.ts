// A hybrid logical clock (Kulkarni et al.): wall-clock milliseconds, a counter for events within
// one millisecond, and the device id as the final tie-break. Its text form sorts as it orders, so
// stored stamps compare as strings. A device whose clock runs hours behind still stamps every
// change after the ones it has received: receiving a stamp moves the clock forward to it.

/** Wall-clock milliseconds fit 15 digits until the year 33658; the counter, 6. */
const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const STAMP = /^(\d{15})-(\d{6})-([A-Za-z0-9_-]{1,64})$/;

export interface ClockState {
  wall: number;
  counter: number;
}

export function formatStamp(wall: number, counter: number, device: string): string {
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${device}`;
}

export function parseStamp(stamp: string): { wall: number; counter: number; device: string } | null {
  const match = STAMP.exec(stamp);
  if (!match) return null;
  return { wall: Number(match[1]), counter: Number(match[2]), device: match[3] as string };
}

export function isStamp(value: unknown): value is string {
  return typeof value === 'string' && STAMP.test(value);
}

/** The device that made the stamp (all that follows its wall time and counter), or null when it is no stamp. */
export function stampDevice(value: unknown): string | null {
  return isStamp(value) ? value.slice(WALL_DIGITS + COUNTER_DIGITS + 2) : null;
}

/** One device's clock. `now` is injected so that tests can skew it by hours. */
export function hybridClock(device: string, state: ClockState, now: () => number) {
  let { wall, counter } = state;
  return {
    /** A stamp for a change made here, after every stamp made or received so far. */
    tick(): string {
      const physical = now();
      if (physical > wall) {
        wall = physical;
        counter = 0;
      } else {
        counter += 1;
      }
      return formatStamp(wall, counter, device);
    },
    /** A stamp received from another device: later local stamps come after it. */
    receive(stamp: string): void {
      const parsed = parseStamp(stamp);
      if (!parsed) return;
      if (parsed.wall > wall || (parsed.wall === wall && parsed.counter > counter)) {
        wall = parsed.wall;
        counter = parsed.counter;
      }
    },
    state(): ClockState {
      return { wall, counter };
    },
  };
}

export type HybridClock = ReturnType<typeof hybridClock>;
