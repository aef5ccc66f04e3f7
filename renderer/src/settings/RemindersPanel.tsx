import { useState, type FormEvent } from 'react';
import type { InputOf, ReminderSettings } from '../../../preload/contract';
import { call, useApi } from '../api';
import { errorsFromApi, type FieldErrors } from '../forms';
import { Field } from '../ui/Field';
import { LoadError } from '../ui/LoadError';

/** "90, 30, 7" ↔ [90, 30, 7]; what is not a whole number stays as typed, for main to refuse with a message. */
function parseDays(text: string): (number | string)[] {
  return text
    .split(/[,\s]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function LeadTimesForm({ settings, onSaved }: { settings: ReminderSettings; onSaved(next: ReminderSettings, message: string): void }) {
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(settings.types.map((t) => [t.id, (settings.leadTimes[t.id] ?? settings.defaults).join(', ')])),
  );
  const [errors, setErrors] = useState<FieldErrors>({});

  async function save(event: FormEvent) {
    event.preventDefault();
    const leadTimes = Object.fromEntries(Object.entries(texts).map(([type, text]) => [type, parseDays(text)]));
    const result = await call('updateReminderSettings', { leadTimes: leadTimes as Record<string, number[]> });
    if (!result.ok) {
      setErrors(errorsFromApi(result.error));
      return;
    }
    setErrors({});
    onSaved(result.value, 'Saved the reminder lead times.');
  }

  return (
    <form onSubmit={(e) => void save(e)} aria-label="Reminder lead times" noValidate>
      <h3>Remind me before each deadline (days)</h3>
      <p className="muted">
        Whole days from 0 (the day itself) to 365, separated by commas. The default is {settings.defaults.join(', ')}.
      </p>
      <div className="lead-times">
        {settings.types.map((type) => (
          <Field
            key={type.id}
            label={type.label}
            value={texts[type.id] ?? ''}
            onChange={(e) => setTexts((t) => ({ ...t, [type.id]: e.target.value }))}
            error={Object.entries(errors).find(([field]) => field.startsWith(`leadTimes.${type.id}`))?.[1]}
            inputMode="numeric"
          />
        ))}
      </div>
      {errors.form && <p className="form-error">{errors.form}</p>}
      <button type="submit">Save lead times</button>
    </form>
  );
}

/** Reminders: lead times per credential type, desktop notifications, and a calendar file kept current. */
export function RemindersPanel() {
  const loaded = useApi('getReminderSettings', {});
  const [changed, setChanged] = useState<ReminderSettings | null>(null);
  const settings = changed ?? loaded.data;
  const [message, setMessage] = useState<string | null>(null);
  const [file, setFile] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();

  async function update(input: InputOf<'updateReminderSettings'>, done: string) {
    const result = await call('updateReminderSettings', input);
    if (!result.ok) {
      if (result.error.field === 'calendarFile') setFileError(errorsFromApi(result.error).calendarFile);
      else setMessage(result.error.message);
      return;
    }
    setFileError(undefined);
    setChanged(result.value);
    setMessage(done);
  }

  return (
    <section className="card" aria-labelledby="reminders-title">
      <h2 id="reminders-title">Reminders</h2>
      <LoadError error={loaded.error} />
      <p className="status-message" role="status">
        {message}
      </p>
      {settings && (
        <>
          <LeadTimesForm
            key={JSON.stringify(settings.leadTimes)}
            settings={settings}
            onSaved={(next, text) => {
              setChanged(next);
              setMessage(text);
            }}
          />
          <h3>On this computer</h3>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.notifications}
              onChange={(e) =>
                void update(
                  { notifications: e.target.checked },
                  e.target.checked ? 'Desktop reminders are on.' : 'Desktop reminders are off.',
                )
              }
            />
            Show desktop reminders (in the desktop app; nothing is sent anywhere)
          </label>
          <h3>A calendar that keeps itself current</h3>
          <p className="muted">
            Name a file, for example in a synced folder your calendar subscribes to: Recert rewrites it whenever a deadline changes.
          </p>
          <form
            className="inline-form"
            aria-label="Calendar file"
            onSubmit={(e) => {
              e.preventDefault();
              void update({ calendarFile: (file ?? settings.calendarFile ?? '').trim() || null }, 'Saved the calendar file.');
            }}
          >
            <Field
              label="Calendar file (.ics)"
              value={file ?? settings.calendarFile ?? ''}
              onChange={(e) => setFile(e.target.value)}
              error={fileError}
              placeholder="/home/you/Sync/recert.ics"
            />
            <button type="submit">Save calendar file</button>
            {settings.calendarFile && (
              <button
                type="button"
                onClick={() => {
                  setFile('');
                  void update({ calendarFile: null }, 'The calendar file is no longer kept current.');
                }}
              >
                Stop keeping it
              </button>
            )}
          </form>
          {settings.calendarFileError && (
            <p className="field-error" role="alert">
              {settings.calendarFileError}
            </p>
          )}
        </>
      )}
    </section>
  );
}
