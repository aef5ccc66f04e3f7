import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** A temporary name beside the target, so that the final rename stays on one file system. */
export function temporaryPathFor(out: string): string {
  return join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
}
