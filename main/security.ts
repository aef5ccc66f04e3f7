import { shell, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';

/** The production webPreferences; tests check these very values, never a relaxed copy. */
export function secureWebPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

/** Only parsed https: URLs leave the app, and only to the system browser. */
export function openExternally(url: string, openExternal: (url: string) => unknown = (u) => shell.openExternal(u)): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  void openExternal(parsed.toString());
  return true;
}

/** Every permission (camera, notifications, geolocation, …) is denied: Recert needs none. */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Navigation stays on the app's own origin; new windows are refused (https links open outside). */
export function hardenContents(
  contents: GuardedContents,
  isAppUrl: (url: string) => boolean,
  openExternal?: (url: string) => unknown,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      openExternally(url, openExternal);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url, openExternal);
    return { action: 'deny' };
  });
}
