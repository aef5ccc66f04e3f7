// app://recert/<path> → a file of the built renderer. Only files inside the renderer folder, after
// decoding and normalising the path, with an allow-listed type; anything else is refused.
import { existsSync, statSync } from 'node:fs';
import { extname, join, posix, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export type RendererFile = { ok: true; path: string; contentType: string } | { ok: false; status: 400 | 403 | 404; reason: string };

export function resolveRendererFile(rendererDir: string, url: string): RendererFile {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 403, reason: 'another origin' };
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'bad percent-encoding' };
  }
  // A decoded backslash or NUL could mean something else to the file system than to the URL.
  if (path.includes('\\') || path.includes('\0')) return { ok: false, status: 403, reason: 'forbidden character' };
  const normalised = posix.normalize(path === '/' ? '/index.html' : path);
  if (normalised.split('/').includes('..')) return { ok: false, status: 403, reason: 'outside the renderer' };
  const root = resolve(rendererDir);
  const file = resolve(join(root, normalised));
  if (file !== root && !file.startsWith(root + sep)) return { ok: false, status: 403, reason: 'outside the renderer' };
  const contentType = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!contentType) return { ok: false, status: 403, reason: 'type not served' };
  if (!existsSync(file) || !statSync(file).isFile()) return { ok: false, status: 404, reason: 'no such file' };
  return { ok: true, path: file, contentType };
}
