// A full disk is the person's to fix, not a failure of Recert: every write that runs out of space
// ends in this one message (exit 2 on the command line), after removing what it had written.

/** The disk (or the person's quota) is full; `folder` is where the write was going. */
export class DiskFullError extends Error {
  override name = 'DiskFullError';
  constructor(readonly folder: string) {
    super(`The disk is full: free space on ${folder} and try again. Nothing was changed.`);
  }
}

/** True for the errors a write gives when the disk or the quota is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
