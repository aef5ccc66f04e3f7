import type { z } from 'zod';

/** Marks a method's result type; it exists only for the type checker. */
export function returns<T>(): T {
  return undefined as T;
}

/** One contract method: the schema its input must pass, and the type of its result. */
export function method<I extends z.ZodType, R>(input: I, result: R) {
  return { input, result };
}
