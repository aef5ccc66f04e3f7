import { useCallback, useEffect, useRef, useState } from 'react';
import type { TeamFolderView } from '../../../preload/contract';
import { call } from '../api';

/** How often a screen showing the team folder's state asks again: files arrive without a click. */
const REFRESH_MS = 3000;

/**
 * The team folder's state, asked again every few seconds (files arrive without a click); an action's
 * answer given to setView counts as the latest, so an older poll answering late never replaces it.
 * `onReceived` hears when a sync has brought records in (or a conflict was resolved), so that the
 * screen around it reloads its records.
 */
export function useTeamFolder(onReceived?: () => void) {
  const [view, setLatest] = useState<TeamFolderView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const shown = useRef(0);
  const setView = useCallback((next: TeamFolderView) => {
    shown.current = ++asked.current;
    setLatest(next);
  }, []);
  useEffect(() => {
    let live = true;
    const ask = async () => {
      const request = ++asked.current;
      const result = await call('getTeamFolder', {});
      if (!live || request < shown.current) return;
      shown.current = request;
      if (result.ok) {
        setLatest(result.value);
        setError(null);
      } else setError(result.error.message);
    };
    void ask();
    const timer = window.setInterval(() => void ask(), REFRESH_MS);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, []);
  const revision = view?.revision;
  const seen = useRef<number | undefined>(undefined);
  const heard = useRef(onReceived);
  useEffect(() => {
    heard.current = onReceived;
  });
  useEffect(() => {
    if (revision === undefined) return;
    if (seen.current !== undefined && revision !== seen.current) heard.current?.();
    seen.current = revision;
  }, [revision]);
  return { view, error, setView };
}

/** The state line, its details and the conflicts to resolve: every word comes from main. */
export function TeamFolderState({ view, onChanged }: { view: TeamFolderView; onChanged(view: TeamFolderView): void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function keep(kind: TeamFolderView['conflicts'][number]['kind'], id: string, device: string) {
    setBusy(`${id}:${device}`);
    setError(null);
    const result = await call('resolveTeamConflict', { kind, id, keep: device });
    setBusy(null);
    if (result.ok) onChanged(result.value);
    else setError(result.error.message);
  }

  return (
    <div className="team-folder-state">
      <p className={`team-folder-line team-folder-${view.tone}`} role="status">
        <strong>{view.stateText}</strong>
        {view.details.length > 0 && <span className="muted"> {view.details.join(' ')}</span>}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {view.conflicts.length > 0 && (
        <ul className="team-conflicts" aria-label="Conflicts to resolve">
          {view.conflicts.map((conflict) => (
            <li key={`${conflict.kind}:${conflict.id}`} className="team-conflict">
              <p>{conflict.text}</p>
              <div className="form-actions">
                {conflict.choices.map((choice) => (
                  <button
                    key={choice.device}
                    type="button"
                    disabled={busy !== null}
                    onClick={() => void keep(conflict.kind, conflict.id, choice.device)}
                  >
                    {busy === `${conflict.id}:${choice.device}` ? 'Keeping…' : choice.label}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
