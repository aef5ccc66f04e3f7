import { useEffect, useRef, useState } from 'react';
import type { PacketExportStatus } from '../../../preload/contract';
import { call } from '../api';

/** "Export audit packet": the save dialog (desktop) or a download (browser), a progress bar, cancel, "Show in folder". */
export function PacketExport({
  credentialId,
  label = 'Export audit packet',
  primary = true,
}: {
  credentialId: string;
  label?: string;
  /** Whether exporting is the screen's main action (the audit screen; a dashboard card with an open audit). */
  primary?: boolean;
}) {
  const [status, setStatus] = useState<PacketExportStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const downloaded = useRef<string | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  const running = status?.state === 'running';
  useEffect(() => {
    if (!running || !status) return;
    const timer = window.setTimeout(() => {
      void call('getPacketExport', { jobId: status.jobId }).then((result) => {
        if (result.ok) setStatus(result.value);
        else setError(result.error.message);
      });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [running, status]);

  // Browser mode: the finished packet downloads by itself, once.
  useEffect(() => {
    if (status?.state === 'done' && status.downloadPath && downloaded.current !== status.jobId) {
      downloaded.current = status.jobId;
      link.current?.click();
    }
  }, [status]);

  async function start() {
    setError(null);
    setStarting(true);
    const result = await call('startPacketExport', { credentialId });
    setStarting(false);
    if (!result.ok) setError(result.error.message);
    else setStatus(result.value);
  }

  async function cancel() {
    if (!status) return;
    const result = await call('cancelPacketExport', { jobId: status.jobId });
    if (result.ok) setStatus(result.value);
  }

  async function showInFolder() {
    if (!status) return;
    const result = await call('showPacketInFolder', { jobId: status.jobId });
    if (!result.ok) setError(result.error.message);
  }

  const percent = status && status.total > 0 ? Math.round((status.done / status.total) * 100) : 0;
  return (
    <div className="packet-export">
      <button type="button" className={primary ? 'primary' : undefined} onClick={() => void start()} disabled={running || starting}>
        {label}
      </button>
      {status && (
        <div className="packet-status" role="status" aria-live="polite">
          {running && (
            <>
              <progress max={status.total} value={status.done} aria-label={`Writing the audit packet: ${percent}%`} />
              <span className="packet-message">{status.message}</span>
              <button type="button" onClick={() => void cancel()}>
                Cancel export
              </button>
            </>
          )}
          {status.state === 'done' && (
            <>
              <span className="ok-text">Packet ready{status.savedTo ? `: saved as ${status.savedTo}` : ` (${status.fileName})`}.</span>
              {status.canShowInFolder && (
                <button type="button" onClick={() => void showInFolder()}>
                  Show in folder
                </button>
              )}
              {status.downloadPath && (
                <a ref={link} href={status.downloadPath} download={status.fileName}>
                  Download again
                </a>
              )}
            </>
          )}
          {status.state === 'cancelled' && <span>Export cancelled; no file was written.</span>}
          {status.state === 'failed' && <span className="field-error">The packet could not be written: {status.error}</span>}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
