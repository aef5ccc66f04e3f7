import { useEffect, useId, useRef, useState } from 'react';
import type { InboxItem, InboxView } from '../../../preload/contract';
import { call } from '../api';
import { href } from '../shell/routes';
import { usePeople } from '../state/people';
import { readAsBase64 } from '../ui/files';
import { ChoiceLabels, LongSelect, type Choice } from '../ui/LongSelect';
import { usePersonChoices, type Choosable } from '../ui/person-choices';

const NO_PEOPLE: Choosable[] = [];
const CHOOSE: Choice[] = [{ value: '', label: 'Choose…' }];

interface Reading {
  done: number;
  total: number;
  fileName: string;
  ocr: string | null;
}

/**
 * "Add certificates…": many files or a folder, each read on this computer into the inbox, then a
 * review list. What each file is, whose, how sure and what to check all come from main; this screen
 * only reads the files in turn, shows how far it has come, and sends the person's choices.
 */
export function CertificateInbox({ personId, onFiled }: { personId?: string; onFiled?(): void }) {
  const id = useId();
  const peopleList = `${id}-people`;
  const { choose } = usePeople();
  const [view, setView] = useState<InboxView | null>(null);
  const personChoices = usePersonChoices(view?.people ?? NO_PEOPLE, CHOOSE);
  const [reading, setReading] = useState<Reading | null>(null);
  const [notAdded, setNotAdded] = useState<{ fileName: string; message: string }[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [fixing, setFixing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const cancelled = useRef(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  async function reload() {
    const result = await call('getInbox', {});
    if (result.ok) {
      setView(result.value);
      // The sure ones are chosen to be filed; the person may add or take away any that can be.
      setChosen(new Set(result.value.items.filter((i) => i.sure).map((i) => i.id)));
    } else setError(result.error.message);
  }
  useEffect(() => {
    void reload();
  }, []);

  useEffect(() => {
    const folder = folderInput.current;
    if (folder) folder.setAttribute('webkitdirectory', '');
  }, []);

  async function add(list: FileList | null) {
    const files = list ? [...list] : [];
    if (files.length === 0) return;
    cancelled.current = false;
    setMessage(null);
    setError(null);
    setNotAdded([]);
    const refused: { fileName: string; message: string }[] = [];
    const poll = window.setInterval(() => {
      void call('getIntakeProgress', {}).then((r) => {
        if (r.ok) setReading((current) => (current ? { ...current, ocr: r.value.text } : current));
      });
    }, 300);
    try {
      for (const [i, file] of files.entries()) {
        if (cancelled.current) break;
        setReading({ done: i, total: files.length, fileName: file.name, ocr: null });
        const result = await call('readIntoInbox', {
          fileName: file.name.slice(0, 255) || 'certificate',
          contentBase64: await readAsBase64(file),
          ...(personId ? { personId } : {}),
        });
        if (!result.ok) refused.push({ fileName: file.name, message: result.error.message.replace(/^contentBase64: /, '') });
      }
    } finally {
      window.clearInterval(poll);
      setReading(null);
      setNotAdded(refused);
      if (filesInput.current) filesInput.current.value = '';
      if (folderInput.current) folderInput.current.value = '';
      await reload();
    }
  }

  async function file(ids: string[]) {
    setError(null);
    const result = await call('fileInboxItems', { ids });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setMessage(result.value.text);
    setView(result.value.view);
    setChosen(new Set(result.value.view.items.filter((i) => i.sure).map((i) => i.id)));
    onFiled?.();
  }

  async function correct(item: InboxItem, correction: Parameters<typeof call<'correctInboxItem'>>[1]['correction']) {
    setError(null);
    const result = await call('correctInboxItem', { id: item.id, correction });
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    setView(result.value);
    const updated = result.value.items.find((i) => i.id === item.id);
    setChosen((current) => {
      const next = new Set(current);
      if (updated?.canFile) next.add(item.id);
      else next.delete(item.id);
      return next;
    });
    return true;
  }

  async function dismiss(ids: string[]) {
    const result = await call('dismissInboxItems', { ids });
    if (result.ok) setView(result.value);
    else setError(result.error.message);
  }

  const items = view?.items ?? [];
  const ready = items.filter((i) => i.sure);
  const toFile = items.filter((i) => i.canFile && chosen.has(i.id));
  const notToFile = items.filter((i) => !i.canFile && i.status !== 'unmatched' && i.status !== 'proposed');
  return (
    <section className={`card intake${items.length === 0 && !reading ? ' intake-empty' : ''}`} aria-labelledby={`${id}-title`}>
      {/* One list of names for every file's chooser: a chain's 10,000 names once, not once a file,
          and only while there are files to choose for. */}
      {items.length > 0 && <ChoiceLabels id={peopleList} choices={personChoices} />}
      <div className="intake-header">
        <h2 id={`${id}-title`}>Certificate inbox</h2>
        {items.length === 0 && !reading && <p className="muted">{view?.summaryText ?? ''}</p>}
        <div className="header-actions">
          <label htmlFor={`${id}-files`} className={`button-link primary${reading ? ' disabled' : ''}`}>
            Add certificates…
          </label>
          <input
            ref={filesInput}
            id={`${id}-files`}
            type="file"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.heic,.heif,application/pdf,image/*"
            className="visually-hidden"
            onChange={(e) => void add(e.target.files)}
            disabled={reading !== null}
          />
          <label htmlFor={`${id}-folder`} className={`button-link${reading ? ' disabled' : ''}`}>
            Add a folder…
          </label>
          <input
            ref={folderInput}
            id={`${id}-folder`}
            type="file"
            multiple
            className="visually-hidden"
            onChange={(e) => void add(e.target.files)}
            disabled={reading !== null}
          />
        </div>
      </div>
      {(items.length > 0 || reading) && <p className="muted">{view?.summaryText ?? ''}</p>}
      {reading && (
        <div className="intake-progress" role="status">
          <label htmlFor={`${id}-progress`}>
            Reading {reading.done + 1} of {reading.total}: {reading.fileName}
            {reading.ocr ? ` — ${reading.ocr}` : ''}
          </label>
          <progress id={`${id}-progress`} value={reading.done} max={reading.total} />
          <button type="button" onClick={() => (cancelled.current = true)}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p className="status-message" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {notAdded.length > 0 && (
        <div className="intake-not-added" role="status">
          <p>Not added:</p>
          <ul>
            {notAdded.map((n, i) => (
              <li key={`${n.fileName}-${i}`}>{n.message}</li>
            ))}
          </ul>
        </div>
      )}
      {items.length > 0 && (
        <>
          <div className="intake-actions">
            <button
              type="button"
              className="primary"
              disabled={ready.length === 0 || reading !== null}
              onClick={() => void file(ready.map((i) => i.id))}
            >
              File all ready ({ready.length})
            </button>
            <button type="button" disabled={toFile.length === 0 || reading !== null} onClick={() => void file(toFile.map((i) => i.id))}>
              File chosen ({toFile.length})
            </button>
            {notToFile.length > 0 && (
              <button type="button" onClick={() => void dismiss(notToFile.map((i) => i.id))}>
                Dismiss the {notToFile.length} not to file
              </button>
            )}
          </div>
          <ul className="intake-list" aria-label="Files in the inbox">
            {items.map((item) => (
              <li key={item.id} className={`intake-item${item.sure ? ' intake-ready' : item.canFile ? ' intake-check' : ''}`}>
                <div className="intake-item-head">
                  <input
                    type="checkbox"
                    aria-label={`File ${item.fileName}`}
                    checked={item.canFile && chosen.has(item.id)}
                    disabled={!item.canFile}
                    onChange={(e) =>
                      setChosen((current) => {
                        const next = new Set(current);
                        if (e.target.checked) next.add(item.id);
                        else next.delete(item.id);
                        return next;
                      })
                    }
                  />
                  <strong className="intake-file">{item.fileName}</strong>
                  <span className="intake-document muted">{item.documentText}</span>
                  <span className="intake-status">{item.statusText}</span>
                </div>
                <div className="intake-item-body">
                  <label>
                    <span className="muted">Person </span>
                    <LongSelect
                      choices={personChoices}
                      placeholder="Type a name"
                      value={item.person?.id ?? ''}
                      aria-label={`Person for ${item.fileName}`}
                      disabled={item.status === 'already-attached' || item.status === 'unreadable' || item.status === 'skipped'}
                      onChange={(personId) => void correct(item, { personId: personId || null })}
                      listId={peopleList}
                    />
                  </label>
                  {item.matchText && <span className="muted"> {item.matchText}</span>}
                  {item.recordLines.length > 0 && (
                    <ul className="intake-records">
                      {item.recordLines.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  )}
                  {item.notes.length > 0 && (
                    <ul className="intake-notes">
                      {item.notes.map((note, i) => (
                        <li key={i}>{note}</li>
                      ))}
                    </ul>
                  )}
                  <div className="intake-item-actions">
                    {item.duplicateOf && item.person && (
                      <a
                        className="link-button"
                        href={item.duplicateOf.kind === 'course' ? href('courses', { focus: item.duplicateOf.id }) : href('cpr-aed')}
                        onClick={() => item.person && choose(item.person.id)}
                      >
                        Open {item.duplicateOf.text}
                      </a>
                    )}
                    {item.editable && (
                      <button type="button" className="link-button" onClick={() => setFixing(fixing === item.id ? null : item.id)}>
                        {fixing === item.id ? 'Close' : 'Fix…'}
                      </button>
                    )}
                    <button type="button" className="link-button" onClick={() => void dismiss([item.id])}>
                      Dismiss
                    </button>
                  </div>
                  {fixing === item.id && item.editable && (
                    <FixForm item={item} onSave={async (c) => (await correct(item, c)) && setFixing(null)} />
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type Correction = Parameters<typeof call<'correctInboxItem'>>[1]['correction'];

/** The single course or card's fields, as read, for correcting; main checks them. */
function FixForm({ item, onSave }: { item: InboxItem; onSave(correction: Correction): Promise<unknown> }) {
  const fields = item.editable;
  const [title, setTitle] = useState(fields?.title ?? '');
  const [provider, setProvider] = useState(fields?.provider ?? '');
  const [completed, setCompleted] = useState(fields?.completed ?? '');
  const [expires, setExpires] = useState(fields?.expires ?? '');
  const [amount, setAmount] = useState(String(fields?.ceus ?? fields?.contactHours ?? ''));
  const hours = fields?.ceus === null && fields.contactHours !== null;
  if (!fields) return null;
  const isCard = fields.kind === 'cpr-aed-card';
  return (
    <form
      className="intake-fix"
      onSubmit={(e) => {
        e.preventDefault();
        const number = amount.trim() === '' ? null : Number(amount);
        void onSave(
          isCard
            ? { provider, completed, expires }
            : { title, provider, completed, ...(hours ? { contactHours: number, ceus: null } : { ceus: number, contactHours: null }) },
        );
      }}
    >
      {!isCard && (
        <label>
          Course title <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
      )}
      <label>
        Provider <input value={provider} onChange={(e) => setProvider(e.target.value)} />
      </label>
      <label>
        Completed <input type="date" value={completed} onChange={(e) => setCompleted(e.target.value)} />
      </label>
      {isCard ? (
        <label>
          Expires <input type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
        </label>
      ) : (
        <label>
          {hours ? 'Contact hours' : 'CEUs'} <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
        </label>
      )}
      <button type="submit" className="primary">
        Save
      </button>
    </form>
  );
}
