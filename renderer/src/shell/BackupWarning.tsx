import { useEffect, useState } from 'react';
import { call } from '../api';
import { href } from './routes';

/**
 * The second backup place's trouble, where the person will see it: above every screen, once per
 * start of the app ("Your backups have not reached your drive “BACKUP” for 9 days: …"), with the
 * way to the Backups settings. Main words it; nothing shows when all is well.
 */
export function BackupWarning() {
  const [warning, setWarning] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => {
    void call('getBackupWarning', {}).then((result) => {
      if (result.ok) setWarning(result.value.warning);
    });
  }, []);
  if (!warning || dismissed) return null;
  return (
    <div className="backup-banner" role="alert">
      <p>{warning}</p>
      <a href={href('settings')}>Backup settings</a>
      <button type="button" onClick={() => setDismissed(true)}>
        Not now
      </button>
    </div>
  );
}
