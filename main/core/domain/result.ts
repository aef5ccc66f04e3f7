// How every answer crosses a boundary (IPC, browser mode): as data, never as a thrown exception.

export const errorCodes = ['invalid-input', 'not-found', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
