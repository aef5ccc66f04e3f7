// Where the renderer is served from and which URLs are the app's own: decided here, without
// Electron, so that the navigation and IPC guards can be tested under Node.

/** The renderer is served from this privileged scheme, never from file:// (Electron's security checklist). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'recert';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Whether `url` is on the app's own origin: same scheme and same host (with port), compared on
 * parsed URLs, never on strings (so "app://recert.evil" or "app://recert@evil" do not pass).
 * Custom schemes have an opaque origin in the URL standard, hence protocol and host.
 */
export function isSameOrigin(url: string, base: string): boolean {
  try {
    const parsed = new URL(url);
    const expected = new URL(base);
    return parsed.protocol === expected.protocol && parsed.host === expected.host && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** The desktop window's origin check: the dev server while developing, app://recert once built. */
export function appUrlCheck(devServerUrl: string | undefined): (url: string) => boolean {
  const base = devServerUrl ?? APP_ENTRY_URL;
  return (url) => isSameOrigin(url, base);
}
