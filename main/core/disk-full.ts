// A full disk is the person's to fix, not a failure of Recert: every write that runs out of space
// ends in this one message (exit 2 on the command line), after removing what it had written.

/** The disk (or the person's quota) is full; `folder` is where the write was going. */
export class DiskFullError extends Error {
  override name = 'DiskFullError';
  constructor(readonly folder: string) {
    super(`The disk is full: free space on ${folder} and try again. Nothing was changed.`);
  }
}

/**
 * True for what a write gives when the disk or the quota is full: Node's ENOSPC and EDQUOT, SQLite's
 * SQLITE_FULL, and their messages (an error from a worker thread arrives as its message).
 */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof DiskFullError) return true;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return true;
  const message = error instanceof Error ? error.message : String(error);
  return /\bENOSPC\b|\bEDQUOT\b|no space left on device|database or disk is full/i.test(message);
}

/** What to tell the person: the folder when the write knew it. */
export function diskFullMessage(error: unknown): string {
  return error instanceof DiskFullError
    ? error.message
    : 'The disk is full: free space on the disk that holds the file being written and try again.';
}

/** The error as a DiskFullError naming `folder` when the disk is full; otherwise the error itself. */
export function diskFullOr(error: unknown, folder: string): unknown {
  if (error instanceof DiskFullError) return error;
  return isDiskFull(error) ? new DiskFullError(folder) : error;
}
