/**
 * The renderer's Content-Security-Policy, shared by the Electron build (a meta tag written at
 * build time) and browser mode (a response header): nothing from remote origins, no inline script,
 * no plugins, no framing. Certificate previews come from the app's own attachment scheme.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: attachment:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' attachment: blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
