// Browser mode: the built renderer and the same service behind a loopback HTTP server, for machines
// where the Electron binary cannot run (and for end-to-end tests in Chromium). `window.recert` gets
// exactly the shape the preload gives it under Electron.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { createWriteStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { methodNames, type Result } from '../preload/contract';
import { MAX_UPLOAD_BYTES, transferContract } from '../preload/contract/transfer';
import { openAppContext, type AppContext } from './app-context';
import { previewOf } from './core/attachments/preview';
import { CONTENT_SECURITY_POLICY } from './core/csp';
import { PREVIEWS_FOLDER, resolveDataDir } from './core/data-dir';
import { MAX_ATTACHMENT_BYTES } from './core/domain/records';
import { scheduleAutomaticBackup } from './desktop';

const BRIDGE_PATH = '/__recert/bridge.js';
const API_PREFIX = '/api/';
/**
 * A call without a file: its largest input is a CSV of 5 million characters, which JSON's escapes
 * can make six times as many bytes.
 */
const MAX_JSON_BYTES = 32 * 1024 * 1024;
/** A file (a certificate, a bundle, a backup) comes as its own request body, streamed to disk. */
const UPLOAD_HEADER = 'x-recert-input';
/** Files read at once; more wait, unread (the connection holds them, not the memory). */
const MAX_CONCURRENT_UPLOADS = 2;
/** The largest file each method takes, as its contract does: bundles and backups 100 MB, certificates 25 MB. */
function uploadLimit(method: string): number {
  return Object.hasOwn(transferContract, method) ? MAX_UPLOAD_BYTES : MAX_ATTACHMENT_BYTES;
}
const base64Length = (bytes: number) => Math.ceil((bytes * 4) / 3) + 4;

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** The script that defines window.recert in the page: one fetch-backed function per contract method. */
function bridgeScript(): string {
  return `(() => {
  const params = new URLSearchParams(location.search);
  if (params.get('token')) sessionStorage.setItem('recert-token', params.get('token'));
  const token = sessionStorage.getItem('recert-token') || '';
  const unreachable = { ok: false, error: { code: 'internal', message: 'Recert (browser mode) is not reachable: is "npm run browser" still running?' } };
  // A big string given to fetch() as its body is encoded in one task on the page's thread, so a
  // photo's base64 held the page still (a long task per photo): the body is built as a Blob of 1 MB
  // parts instead, one part per task, so the page keeps answering while a stack is read.
  const PART = 1 << 20;
  async function bodyOf(text) {
    if (text.length <= PART) return text;
    const parts = [];
    for (let at = 0; at < text.length; at += PART) {
      parts.push(new Blob([text.slice(at, at + PART)]));
      await new Promise((next) => setTimeout(next, 0));
    }
    return new Blob(parts, { type: 'text/plain' });
  }
  async function call(method, input) {
    try {
      // A file's content is the request body itself (streamed to disk by the host), the rest of the
      // input a header: no 100 MB JSON document to build here or to parse there.
      const upload = input !== null && typeof input === 'object' && typeof input.contentBase64 === 'string';
      const { contentBase64, ...rest } = upload ? input : {};
      const response = await fetch(${JSON.stringify(API_PREFIX)} + method, {
        method: 'POST',
        headers: upload
          ? { 'content-type': 'text/plain', 'x-recert-token': token, ${JSON.stringify(UPLOAD_HEADER)}: encodeURIComponent(JSON.stringify(rest)) }
          : { 'content-type': 'application/json', 'x-recert-token': token },
        body: upload ? await bodyOf(contentBase64) : JSON.stringify({ input }),
      });
      return await response.json();
    } catch {
      return unreachable;
    }
  }
  const api = {};
  for (const method of ${JSON.stringify(methodNames)}) api[method] = (input) => call(method, input);
  Object.defineProperty(window, 'recert', { value: Object.freeze(api), enumerable: true });
})();
`;
}

function securityHeaders(response: ServerResponse): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cache-Control', 'no-store');
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'invalid-input', message } };
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Streams the body to `path`, counting; false (and nothing kept) once it passes `maxBytes`. */
async function saveBody(request: IncomingMessage, path: string, maxBytes: number): Promise<boolean> {
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      done(size > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(request, count, createWriteStream(path, { flags: 'wx' }));
    return true;
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof TooLarge) return false;
    throw error;
  }
}
class TooLarge extends Error {}

/** At most `limit` holders at once; the others wait their turn. */
function gate(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(work: () => Promise<T>): Promise<T> {
    if (active >= limit) await new Promise<void>((resolveTurn) => waiting.push(resolveTurn));
    active += 1;
    try {
      return await work();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

/**
 * Cookies ignore ports: the browser sends this one to every server on 127.0.0.1. So it never holds
 * the API token (which the page keeps in sessionStorage and sends as a header): it holds a key of its
 * own that opens only previews and downloads, under a name that carries this host's port, so that
 * two hosts on one machine do not overwrite each other's.
 */
function cookieValue(request: IncomingMessage, cookie: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookie) return rest.join('=');
  }
  return undefined;
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface BrowserHostOptions {
  context: AppContext;
  rendererDir: string;
  port?: number;
}

export interface BrowserHost {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

export async function startBrowserHost({ context, rendererDir, port = 0 }: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(24).toString('base64url');
  const fileKey = randomBytes(24).toString('base64url');
  const root = resolve(rendererDir);
  let allowedHosts = new Set<string>();
  let cookie = 'recert-files';

  async function serveStatic(pathname: string, query: URLSearchParams, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      // Bad percent-encoding is the request's fault: 400, not a server error.
      response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request: the address is not valid percent-encoding.');
      return;
    }
    const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const file = normalize(join(root, relative));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(404).end();
      return;
    }
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    const type = STATIC_TYPES[extname(file)] ?? 'application/octet-stream';
    if (extname(file) === '.html') {
      const html = content.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);
      content = Buffer.from(html);
      // Previews and downloads are plain GETs (an <img>, a link): they authenticate with this cookie,
      // which opens nothing else.
      if (tokenMatches(query.get('token') ?? undefined, token)) {
        response.setHeader('Set-Cookie', `${cookie}=${fileKey}; HttpOnly; SameSite=Strict; Path=/`);
      }
    }
    response.writeHead(200, { 'Content-Type': type });
    response.end(content);
  }

  /**
   * GET attachments/<id>: a certificate for preview (HEIC converted); GET exports/<jobId>: a finished
   * packet; GET downloads/<id>: a report or other file made for the user.
   */
  async function serveFile(
    kind: 'attachments' | 'exports' | 'downloads',
    id: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    if (!tokenMatches(cookieValue(request, cookie), fileKey)) {
      response.writeHead(403, { 'Content-Type': 'text/plain' }).end('Refused: open the URL that "npm run browser" printed.');
      return;
    }
    if (kind === 'downloads') {
      const download = context.downloads.get(id);
      if (!download) {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No file with that id: make it again in the app.');
        return;
      }
      response.writeHead(200, {
        'Content-Type': download.mediaType,
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(download.fileName)}`,
      });
      response.end(await readFile(download.path));
      return;
    }
    if (kind === 'exports') {
      const job = context.packets.status(id);
      if (!job || job.state !== 'done') {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No finished packet with that id.');
        return;
      }
      const pdf = await readFile(job.destination);
      response.writeHead(200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(job.fileName)}`,
      });
      response.end(pdf);
      return;
    }
    const attachment = context.store.attachments.get(id);
    if (!attachment) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('No attachment with that id.');
      return;
    }
    let preview: Awaited<ReturnType<typeof previewOf>>;
    try {
      preview = await previewOf(attachment, context.files, join(context.dataDir, PREVIEWS_FOLDER));
    } catch {
      // A damaged photo (HEIC that will not convert): say so, as the desktop app does.
      response.writeHead(415, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This file cannot be previewed; it is kept as it is.');
      return;
    }
    // Shown inside the app's own preview frame: this response may be framed by the app, nothing else.
    response.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
    response.writeHead(200, { 'Content-Type': preview.mediaType, 'Content-Disposition': 'inline' });
    response.end(preview.bytes);
  }

  async function serveApi(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') return sendJson(response, 405, failure('Use POST.'));
    if (!tokenMatches(request.headers['x-recert-token'], token)) {
      return sendJson(response, 403, {
        ok: false,
        error: { code: 'internal', message: 'Refused: open the exact URL that "npm run browser" printed (it carries the session token).' },
      });
    }
    if ((request.headers['content-type'] ?? '').startsWith('text/plain')) return serveUpload(method, request, response);
    const body = await readBody(request, MAX_JSON_BYTES);
    if (body === null) {
      response.setHeader('Connection', 'close');
      return sendJson(
        response,
        413,
        failure(`The request is too large: Recert takes at most ${MAX_JSON_BYTES / 1024 / 1024} MB in one request.`),
      );
    }
    // Bytes that are not UTF-8 are refused, as the records file's are: decoding would store U+FFFD.
    if (!isUtf8(body)) return sendJson(response, 400, failure('The request is not valid UTF-8 text; nothing was changed.'));
    let input: unknown;
    try {
      input = (JSON.parse(body.toString('utf8')) as { input?: unknown }).input;
    } catch {
      return sendJson(response, 400, failure('The request body is not JSON.'));
    }
    sendJson(response, 200, await context.dispatch(method, input));
  }

  const uploads = gate(MAX_CONCURRENT_UPLOADS);

  /** A call whose file is the body (see the bridge): saved to the data folder while it arrives, then read once. */
  async function serveUpload(method: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    let rest: unknown;
    try {
      rest = JSON.parse(decodeURIComponent(String(request.headers[UPLOAD_HEADER] ?? '')));
    } catch {
      return sendJson(response, 400, failure(`The ${UPLOAD_HEADER} header is not JSON.`));
    }
    if (rest === null || typeof rest !== 'object' || Array.isArray(rest))
      return sendJson(response, 400, failure('The input must be an object.'));
    const named = (rest as { fileName?: unknown }).fileName;
    const fileName = typeof named === 'string' ? named.slice(0, 255) : 'The file';
    const limit = uploadLimit(method);
    await uploads(async () => {
      const path = join(context.dataDir, `.upload-${randomBytes(6).toString('hex')}.tmp`);
      if (!(await saveBody(request, path, base64Length(limit)))) {
        response.setHeader('Connection', 'close');
        const words = limit === MAX_ATTACHMENT_BYTES ? 'certificate files may be at most' : 'the app takes files of at most';
        return sendJson(response, 413, failure(`${fileName} is too large: ${words} ${limit / 1024 / 1024} MB.`));
      }
      let answer: unknown;
      try {
        const contentBase64 = await readFile(path, 'latin1');
        answer = await context.dispatch(method, { ...rest, contentBase64 });
      } finally {
        // Gone before the answer: nothing of the upload outlives the call.
        await rm(path, { force: true });
      }
      sendJson(response, 200, answer);
    });
  }

  const server = createServer((request, response) => {
    securityHeaders(response);
    // DNS-rebinding guard: only our own loopback host names reach the app.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const handle = async () => {
      if (url.pathname === BRIDGE_PATH) {
        response.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        response.end(bridgeScript());
      } else if (url.pathname.startsWith(API_PREFIX)) {
        await serveApi(url.pathname.slice(API_PREFIX.length), request, response);
      } else if (/^\/(attachments|exports|downloads)\/[^/]+$/.test(url.pathname) && request.method === 'GET') {
        const [, kind, id] = url.pathname.split('/');
        let decoded: string;
        try {
          decoded = decodeURIComponent(id ?? '');
        } catch {
          response.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request: the address is not valid percent-encoding.');
          return;
        }
        await serveFile(kind as 'attachments' | 'exports' | 'downloads', decoded, request, response);
      } else {
        await serveStatic(url.pathname, url.searchParams, response);
      }
    };
    handle().catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent)
        sendJson(response, 500, {
          ok: false,
          error: { code: 'internal', message: 'Recert (browser mode) failed to answer; see its terminal.' },
        });
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePromise());
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  cookie = `recert-files-${actualPort}`;
  return {
    url: `http://127.0.0.1:${actualPort}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        // Browsers keep idle connections open; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

async function main(): Promise<void> {
  const projectRoot = resolve(__dirname, '../..');
  const dataDir = resolveDataDir();
  const context = openAppContext({
    dataDir,
    resourcesDir: join(projectRoot, 'resources'),
    packetWorkerFile: join(__dirname, 'packet-worker.js'),
    watchTeamFolder: true,
  });
  // A calendar file kept current (Settings) is brought up to date when the app starts, and the
  // day's automatic backup is made.
  context.service.refreshCalendarFile();
  scheduleAutomaticBackup(() => context.service.automaticBackup());
  const host = await startBrowserHost({
    context,
    rendererDir: join(projectRoot, 'out/renderer'),
    port: Number(process.env.RECERT_PORT ?? 0),
  });
  console.log(`Recert (browser mode) is serving ${dataDir}`);
  console.log(`Open ${host.url}`);
  const stop = () => {
    void host.close().then(async () => {
      await context.closeWhenSynced();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && /browser-host\.[cm]?js$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
