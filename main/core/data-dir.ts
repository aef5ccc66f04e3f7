import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder name Electron uses for app.getPath('userData') (the productName). */
export const APP_FOLDER = 'Recert';

/**
 * Where Recert keeps its data: RECERT_DATA_DIR when set, otherwise the folder Electron's
 * app.getPath('userData') gives on this platform. The CLI and browser mode resolve it the same
 * way, so all three see one store.
 */
export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.RECERT_DATA_DIR?.trim();
  if (override) return override;
  switch (platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_FOLDER);
    default:
      return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), APP_FOLDER);
  }
}

export const DATABASE_FILE = 'recert.sqlite3';
export const ATTACHMENTS_FOLDER = 'attachments';
/** Converted previews of HEIC photos and damaged files: derived data, safe to delete. */
export const PREVIEWS_FOLDER = 'previews';
