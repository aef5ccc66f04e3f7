import type { ApiError, ErrorCode } from './domain/result';

/** An error the user can act on; it crosses the API boundary as `{ ok: false, error }`. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}

export function notFound(field: string, what: string, id: string): ServiceError {
  return new ServiceError('not-found', `${field}: no ${what} with id "${id.slice(0, 64)}"`, field);
}

export function invalid(field: string, message: string): ServiceError {
  return new ServiceError('invalid-input', `${field}: ${message}`, field);
}
