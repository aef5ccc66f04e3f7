import { useState } from 'react';
import { themes, type Settings, type Theme } from '../../../preload/contract';
import { call, useApi } from '../api';
import { LoadError } from '../ui/LoadError';
import { applyTheme } from '../shell/theme';
import { BackupsPanel } from './BackupsPanel';
import { RecordsPanel } from './RecordsPanel';
import { RemindersPanel } from './RemindersPanel';
import { RuleSetPanel } from './RuleSetPanel';
import { TeamFolderPanel } from './TeamFolderPanel';

const themeLabels: Record<Theme, string> = { system: 'Follow the system', light: 'Light', dark: 'Dark' };

export function SettingsPage() {
  const loaded = useApi('getSettings', {});
  const [changed, setSettings] = useState<Settings | null>(null);
  const settings = changed ?? loaded.data;
  const [message, setMessage] = useState<string | null>(null);
  const ruleSetList = useApi('listRuleSets', {});
  const ruleSets = ruleSetList.data ?? [];

  async function chooseTheme(theme: Theme) {
    const result = await call('updateSettings', { theme });
    if (result.ok) {
      setSettings(result.value);
      applyTheme(result.value.theme);
    } else setMessage(result.error.message);
  }

  return (
    <section aria-labelledby="section-title">
      <h1 id="section-title">Settings</h1>
      <p className="status-message" role="status">
        {message}
      </p>
      <LoadError error={loaded.error ?? ruleSetList.error} />
      {settings && (
        <>
          <div className="card">
            <h2>Data folder</h2>
            <p>
              Everything Recert keeps (the database and your certificate files) is in <code className="path">{settings.dataDir}</code>.
            </p>
            <p>To use another folder, start Recert with the environment variable RECERT_DATA_DIR set to it.</p>
          </div>
          <fieldset className="card">
            <legend>Theme</legend>
            {themes.map((theme) => (
              <label key={theme} className="radio">
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={settings.theme === theme}
                  onChange={() => void chooseTheme(theme)}
                />
                {themeLabels[theme]}
              </label>
            ))}
          </fieldset>
          <BackupsPanel />
          <TeamFolderPanel />
          <RecordsPanel />
          <RemindersPanel />
          {ruleSets.length > 0 && <RuleSetPanel summaries={ruleSets} />}
        </>
      )}
    </section>
  );
}
