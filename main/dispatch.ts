import { contract, validationError, type MethodName, type ParsedInputOf, type Result, type ResultOf } from '../preload/contract';
import { diskFullMessage, isDiskFull } from './core/disk-full';
import { ServiceError, type Service } from './core/service';

/**
 * What the contract asks of the service: every method, taking what its schema parses and giving its
 * result type. `createDispatch` accepts only a service that satisfies it, so the contract (zod, in
 * preload/) and the service (plain TypeScript, in main/core) are proven to agree at compile time
 * without main/core ever importing the contract.
 */
export type ContractService = { [M in MethodName]: (input: ParsedInputOf<M>) => ResultOf<M> | Promise<ResultOf<M>> };

/** Most methods answer at once; a few (the save dialog of a packet export) answer later. */
export type Dispatch = (method: string, input: unknown) => Result<unknown> | Promise<Result<unknown>>;

function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

/**
 * The single entry point for every caller outside main/core (IPC, browser mode): the input is
 * `unknown` until the contract's schema has parsed it, and every failure comes back as data.
 */
export function createDispatch(service: Service & ContractService, logError: (error: unknown) => void = console.error): Dispatch {
  return (method, input) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'not-found', message: `Unknown method "${method.slice(0, 64)}".` } };
    }
    const parsed = contract[method].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error) };
    const failure = (error: unknown): Result<unknown> => {
      if (error instanceof ServiceError) return { ok: false, error: error.toApiError() };
      if (isDiskFull(error)) return { ok: false, error: { code: 'internal', message: diskFullMessage(error) } };
      logError(error);
      const detail = error instanceof Error ? error.message : String(error);
      // Pages of the database damaged after it opened: say what to do, not what SQLite said.
      if (/malformed|SQLITE_CORRUPT/i.test(`${detail} ${(error as { code?: string } | null)?.code ?? ''}`)) {
        return {
          ok: false,
          error: {
            code: 'internal',
            message: 'The data file is damaged. Nothing was changed: restore your latest backup (Settings lists them), then try again.',
          },
        };
      }
      return { ok: false, error: { code: 'internal', message: `Recert could not complete "${method}": ${detail}. Nothing was changed.` } };
    };
    try {
      const call = service[method] as (input: unknown) => unknown;
      const value = call(parsed.data);
      if (value instanceof Promise) return value.then((resolved: unknown) => ({ ok: true as const, value: resolved }), failure);
      return { ok: true, value };
    } catch (error) {
      return failure(error);
    }
  };
}
