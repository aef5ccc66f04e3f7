// A file a person names on the command line is checked before a byte of it is read: reading
// /dev/zero, a FIFO or a folder never ends (or fails oddly), and a file far larger than any records
// file, bundle or CSV would only fill the memory before being refused.
import { statSync } from 'node:fs';
import { bytes } from './bytes';

/** Why the file cannot be read as `what`, or null; `maxBytes` is the documented largest. */
export function inputFileProblem(path: string, what: string, maxBytes: number): string | null {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'ENOENT'
      ? `cannot read ${path}: it does not exist`
      : `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (stats.isDirectory()) return `${path} is a folder, not ${what}`;
  if (!stats.isFile()) return `${path} is not a regular file (a device, a pipe or a socket); give ${what}`;
  if (stats.size > maxBytes) return `${path} is ${bytes(stats.size)}, larger than ${what} may be (at most ${bytes(maxBytes)})`;
  return null;
}
