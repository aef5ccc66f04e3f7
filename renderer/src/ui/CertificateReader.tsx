import { useEffect, useId, useState, type DragEvent } from 'react';
import type { ScanView } from '../../../preload/contract';
import { call } from '../api';
import { readAsBase64 } from './files';

/**
 * "Fill in from a certificate": a PDF or photo dropped here (or chosen) is read on this computer and
 * the form is filled in; nothing is saved until the person saves the form, and the file is then
 * attached to the record it creates.
 */
export function CertificateReader({ form, onRead }: { form: 'course' | 'card'; onRead(view: ScanView, file: File): void }) {
  const inputId = useId();
  const [reading, setReading] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);

  // A photo takes seconds to read: main says how far it has come, asked for twice a second.
  useEffect(() => {
    if (!reading) return;
    const timer = window.setInterval(() => {
      void call('getScanProgress', {}).then((result) => {
        if (result.ok) setProgress(result.value.text);
      });
    }, 500);
    return () => {
      window.clearInterval(timer);
      setProgress(null);
    };
  }, [reading]);

  async function read(file: File | undefined) {
    if (!file) return;
    setReading(file.name);
    setMessage(null);
    const result = await call('scanCertificate', { fileName: file.name, contentBase64: await readAsBase64(file), form });
    setReading(null);
    if (!result.ok) {
      // "contentBase64: Could not read …": the field's name means nothing to the person.
      const { field, message } = result.error;
      setMessage({ text: field ? message.replace(`${field}: `, '') : message, ok: false });
      return;
    }
    setMessage({ text: result.value.message, ok: result.value.result !== null });
    onRead(result.value, file);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    void read(event.dataTransfer.files[0]);
  }

  return (
    <div
      className={`drop-zone certificate-reader${dragging ? ' drop-zone-active' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="certificate-reader"
    >
      <label htmlFor={inputId}>Fill in from a certificate</label>
      <input
        id={inputId}
        type="file"
        accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/*"
        onChange={(e) => void read(e.target.files?.[0])}
      />
      <span className="muted">or drop its PDF or photo here. It is read on this computer; nothing is sent anywhere.</span>
      <p role="status" className={message && !message.ok ? 'field-error' : 'scan-message'}>
        {reading ? `Reading ${reading}… ${progress ?? '(a photo takes a few seconds)'}` : (message?.text ?? '')}
      </p>
    </div>
  );
}
