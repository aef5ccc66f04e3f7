/**
 * The renderer's Content-Security-Policy, shared by the Electron build (a meta tag written at
 * build time) and browser mode (a response header): nothing from remote origins, no inline script,
 * no plugins, no framing. Certificate previews come from the app's own attachment scheme.
 */
const DIRECTIVES = [
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
];

/** As a response header (browser mode). */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ');

/** As a <meta> tag in the built page (Electron loads a file): frame-ancestors only works as a header. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');
