import type { InputOf, MethodName, RecertApi, Result, ResultOf } from '../../preload/contract';

declare global {
  interface Window {
    recert: RecertApi;
  }
}

/** The typed client over window.recert (preload under Electron, the loopback bridge in browser mode). */
export function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<ResultOf<M>>> {
  const fn = window.recert[method] as (input: InputOf<M>) => Promise<Result<ResultOf<M>>>;
  return fn(input);
}

/** Like call(), for reads whose failure the screen shows as a message rather than per field. */
export async function load<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
