// A service method that changes the stored data says so where it is defined: `writes(method)`, or
// `keeps(method)` for the app's own bookkeeping (settings no evaluation reads: which notifications
// were shown, why the calendar file could not be rewritten). The service wraps each marked method
// once (`withWrites`): when it has run, the caches learn of it (ctx.wrote), and while it runs they
// keep nothing. test/unit/contract-bad-input.test.ts runs every method and fails when one that
// changed the data is not marked, or one marked `keeps` changed more than settings.

/** What a method does to the stored data. */
export type WriteKind = 'writes' | 'keeps';

const KIND = Symbol('write kind');
type Marked = { readonly [KIND]?: WriteKind };

function mark<F extends (...args: never[]) => unknown>(method: F, kind: WriteKind): F {
  return Object.assign(method, { [KIND]: kind });
}

/** Marks a method that changes records, settings or rule sets the evaluations read. */
export function writes<F extends (...args: never[]) => unknown>(method: F): F {
  return mark(method, 'writes');
}

/** Marks a method that changes only the app's bookkeeping in settings: the caches stay. */
export function keeps<F extends (...args: never[]) => unknown>(method: F): F {
  return mark(method, 'keeps');
}

/** How a method is marked; null when it only reads. */
export function writeKind(method: unknown): WriteKind | null {
  return typeof method === 'function' ? ((method as Marked)[KIND] ?? null) : null;
}

export interface WriteTracking {
  /** A marked method starts: the caches keep nothing until it has finished. */
  writing(): void;
  /** It has finished (returned, thrown or settled): the caches learn of the change. */
  wrote(): void;
}

/** Every method marked `writes` wrapped so that the caches hear of it once, whatever it does inside. */
export function withWrites<S extends Record<string, unknown>>(methods: S, tracking: WriteTracking): S {
  const wrapped: Record<string, unknown> = { ...methods };
  for (const [name, method] of Object.entries(methods)) {
    if (writeKind(method) !== 'writes') continue;
    const run = method as (...args: unknown[]) => unknown;
    wrapped[name] = writes((...args: unknown[]) => {
      tracking.writing();
      let result: unknown;
      try {
        result = run(...args);
      } catch (error) {
        tracking.wrote();
        throw error;
      }
      if (result instanceof Promise) return result.finally(() => tracking.wrote());
      tracking.wrote();
      return result;
    });
  }
  return wrapped as S;
}
