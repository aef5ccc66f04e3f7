import type { SettingsInput } from '../domain/inputs';
import { themes, type Theme } from '../domain/records';
import type { Settings } from '../domain/views';
import type { ServiceContext } from './context';
import { writes } from './writes';

export function settingsService(ctx: ServiceContext) {
  const { store, dataDir } = ctx;
  function readTheme(): Theme {
    const stored = store.settings.get('theme');
    return themes.includes(stored as Theme) ? (stored as Theme) : 'system';
  }
  return {
    getSettings: (): Settings => ({ dataDir, theme: readTheme() }),
    updateSettings: writes(({ theme }: SettingsInput): Settings => {
      ctx.write(() => store.settings.set('theme', theme));
      return { dataDir, theme: readTheme() };
    }),
  };
}
