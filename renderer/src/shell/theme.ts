import type { Theme } from '../../../preload/contract';

/** 'system' follows prefers-color-scheme through CSS; light and dark pin it. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
