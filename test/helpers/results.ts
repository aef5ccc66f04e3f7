/** The value of an ok dispatch result (waiting for it when asynchronous); a refusal fails the test with its message. */
export async function value<T>(result: unknown): Promise<T> {
  return valueNow<T>(await result);
}

/** The same for a result that must have come back at once (no promise). */
export function valueNow<T>(result: unknown): T {
  if (result instanceof Promise) throw new Error('unexpected asynchronous result');
  const settled = result as { ok: boolean; value?: T; error?: unknown };
  if (!settled.ok) throw new Error(JSON.stringify(settled.error));
  return settled.value as T;
}
