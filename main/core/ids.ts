import { randomUUID } from 'node:crypto';

/** A new record id: a short prefix saying what it is, then a random UUID (ids never reveal order or count). */
export function newId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
