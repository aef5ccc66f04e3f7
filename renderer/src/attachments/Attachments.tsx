import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { Attachment } from '../../../preload/contract';
import { call, useApi } from '../api';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { readAsBase64 } from '../ui/files';
import { formatBytes } from '../ui/format';

type Owner = { kind: 'course' | 'cpr-aed-card'; id: string };

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/jpeg,image/png,image/heic,image/heif';

function Preview({ attachment, onClose }: { attachment: Attachment; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const titleId = `preview-${attachment.id}`;
  return (
    <dialog ref={ref} className="dialog preview-dialog" aria-labelledby={titleId} onCancel={onClose}>
      <div className="section-header">
        <h2 id={titleId}>{attachment.fileName}</h2>
        <button type="button" onClick={onClose} autoFocus>
          Close preview
        </button>
      </div>
      {attachment.mediaType === 'application/pdf' ? (
        <iframe className="preview-frame" src={attachment.previewUrl} title={`Preview of ${attachment.fileName}`} />
      ) : (
        <img className="preview-image" src={attachment.previewUrl} alt={`Certificate: ${attachment.fileName}`} />
      )}
    </dialog>
  );
}

/** Certificate files of a course or a CPR/AED card: attach (picker or drag and drop), preview, remove. */
export function Attachments({ owner, label, onChanged }: { owner: Owner; label: string; onChanged?: () => void }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [previewing, setPreviewing] = useState<Attachment | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [dragging, setDragging] = useState(false);
  const inputId = useId();

  const list = useApi('listAttachments', { owner });
  const files = list.data;
  const refresh = list.reload;

  async function add(list: FileList | File[]) {
    for (const file of Array.from(list)) {
      if (file.size === 0) {
        setMessage({ text: `"${file.name}" is empty: choose the certificate file itself.`, error: true });
        continue;
      }
      const result = await call('addAttachment', { owner, fileName: file.name, contentBase64: await readAsBase64(file) });
      setMessage(
        result.ok
          ? { text: `Attached ${file.name}.`, error: false }
          : { text: result.error.message.replace(/^contentBase64: /, ''), error: true },
      );
    }
    refresh();
    onChanged?.();
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) void add(event.dataTransfer.files);
  }

  return (
    <section className="attachments" aria-label={label}>
      <h3>{label}</h3>
      {files && files.length === 0 && <p className="muted">No file yet: an auditor will ask for it.</p>}
      {files && files.length > 0 && (
        <ul className="attachment-list">
          {files.map((file) => (
            <li key={file.id}>
              <span className="attachment-name">{file.fileName}</span>
              <span className="muted">
                {file.mediaType.replace('application/', '').replace('image/', '').toUpperCase()}, {formatBytes(file.size)}
              </span>
              <button type="button" onClick={() => setPreviewing(file)} aria-label={`Preview ${file.fileName}`}>
                Preview
              </button>
              <button type="button" className="danger-outline" onClick={() => setRemoving(file)} aria-label={`Remove ${file.fileName}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <label htmlFor={inputId} className="button-link">
          Attach certificate files
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(e) => {
            if (e.target.files) void add(e.target.files);
            e.target.value = '';
          }}
        />
        <span className="muted">or drop them here: PDF, JPEG, PNG or HEIC photos from your phone.</span>
      </div>
      {message && (
        <p className={message.error ? 'field-error' : 'ok-text'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {previewing && <Preview attachment={previewing} onClose={() => setPreviewing(null)} />}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.fileName}?`}
          message="The file is removed from this record (and from the data folder if nothing else uses it)."
          confirmLabel="Remove file"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const target = removing;
            setRemoving(null);
            void call('removeAttachment', { id: target.id }).then(() => {
              setMessage({ text: `Removed ${target.fileName}.`, error: false });
              refresh();
              onChanged?.();
            });
          }}
        />
      )}
    </section>
  );
}
