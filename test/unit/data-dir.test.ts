import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../main/core/data-dir';

describe('data folder', () => {
  it('uses RECERT_DATA_DIR when set', () => {
    expect(resolveDataDir({ RECERT_DATA_DIR: '/srv/recert' }, 'linux', '/home/dana')).toBe('/srv/recert');
  });
  it("matches Electron's userData on each platform", () => {
    expect(resolveDataDir({}, 'linux', '/home/dana')).toBe('/home/dana/.config/Recert');
    expect(resolveDataDir({ XDG_CONFIG_HOME: '/xdg' }, 'linux', '/home/dana')).toBe('/xdg/Recert');
    expect(resolveDataDir({}, 'darwin', '/Users/dana')).toBe('/Users/dana/Library/Application Support/Recert');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\dana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\dana')).toMatch(/Roaming[\\/]Recert$/);
  });
});
