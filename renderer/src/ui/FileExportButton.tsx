import { useEffect, useRef, useState } from 'react';
import type { FileDelivery, Result } from '../../../preload/contract';

/**
 * A button that has main make a file (a report): the desktop app saves it where the user chose,
 * browser mode downloads it at once. Says what happened, or why not.
 */
export function FileExportButton({ label, make }: { label: string; make(): Promise<Result<FileDelivery | null>> }) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<FileDelivery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (done?.downloadPath) link.current?.click();
  }, [done]);

  async function run() {
    setBusy(true);
    setError(null);
    const result = await make();
    setBusy(false);
    if (!result.ok) setError(result.error.message);
    else setDone(result.value);
  }

  return (
    <span className="file-export">
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Preparing…' : label}
      </button>
      <span role="status" className="file-export-status">
        {done?.savedTo && `Saved as ${done.savedTo}.`}
        {done?.downloadPath && (
          <a ref={link} href={done.downloadPath} download={done.fileName}>
            {done.fileName}
          </a>
        )}
      </span>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
