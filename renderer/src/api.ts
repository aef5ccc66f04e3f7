import { useCallback, useLayoutEffect, useRef, useState } from 'react';
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

/**
 * Reads asked for at the moment of a navigation, before React renders the screen that will ask for
 * them: the screen's first read then takes the answer already on its way (`read`) instead of asking
 * once its first render is committed, which on a cold screen came noticeably after the click. One
 * navigation's reads at a time; an answer not taken within a second is dropped, so that no later
 * read is ever given an old answer.
 */
const early = new Map<string, { at: number; answer: Promise<Result<unknown>> }>();
const EARLY_ANSWER_MS = 1000;

function requestKey(method: MethodName, input: unknown): string {
  return `${method} ${JSON.stringify(input)}`;
}

/** Asks now for a read the next screen will make (the same method and input, compared as JSON). */
export function askEarly<M extends MethodName>(method: M, input: InputOf<M>): void {
  const answer = call(method, input);
  answer.catch(() => undefined); // a failure is the taker's to show; one never taken is no error
  early.set(requestKey(method, input), { at: performance.now(), answer });
}

/** Forgets the reads asked early for a screen the user did not open. */
export function forgetEarly(): void {
  early.clear();
}

/** call() for a read, taking the answer asked for early when there is one for this very input. */
export function read<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<ResultOf<M>>> {
  const key = requestKey(method, input);
  const asked = early.get(key);
  early.delete(key);
  if (asked && performance.now() - asked.at < EARLY_ANSWER_MS) return asked.answer as Promise<Result<ResultOf<M>>>;
  return call(method, input);
}

/** Like call(), for reads whose failure the screen shows as a message rather than per field. */
export async function load<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
  const result = await call(method, input);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

export interface ApiState<T> {
  /** The latest answer for the latest input; null until it arrives (or while `input` is null). */
  data: T | null;
  /** What went wrong, in main's words, for the screen to show. */
  error: string | null;
  loading: boolean;
  /** Ask again (after a write): the data already shown stays until the new answer replaces it. */
  reload(): void;
}

/**
 * One read, kept current: asks main whenever the input changes (compared by value) or reload() is
 * called, and only the answer to the latest request is kept, so a slow answer for a person the user
 * has already left never overwrites the one on screen. `input: null` means "nothing to ask yet".
 */
export function useApi<M extends MethodName>(method: M, input: InputOf<M> | null): ApiState<ResultOf<M>> {
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ key: string | null; data: ResultOf<M> | null; error: string | null; loading: boolean }>({
    key: null,
    data: null,
    error: null,
    loading: input !== null,
  });
  const [round, setRound] = useState(0);
  const latest = useRef(0);

  // Asked as soon as the screen is committed, before it is painted: a passive effect waits for the
  // paint, and after a navigation that put up to a frame between the click and the request.
  useLayoutEffect(() => {
    if (key === null) return;
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    read(method, JSON.parse(key) as InputOf<M>).then(
      (result) => {
        if (request !== latest.current) return;
        setState(
          result.ok
            ? { key, data: result.value, error: null, loading: false }
            : { key, data: null, error: result.error.message, loading: false },
        );
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        setState({ key, data: null, error: error instanceof Error ? error.message : String(error), loading: false });
      },
    );
  }, [method, key, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  // Data for another input is never shown as if it were this one's.
  const current = state.key === key;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: key !== null && (!current || state.loading),
    reload,
  };
}
