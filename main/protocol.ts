import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { protocol } from 'electron';
import type { AppContext } from './app-context';
import { APP_SCHEME } from './app-url';
import { PREVIEWS_FOLDER } from './core/data-dir';
import { previewOf } from './core/attachments/preview';
import { CONTENT_SECURITY_POLICY } from './core/csp';
import { resolveRendererFile } from './renderer-files';

export const ATTACHMENT_SCHEME = 'attachment';

type Protocol = Pick<typeof protocol, 'registerSchemesAsPrivileged' | 'handle'>;

/**
 * Must run before the app is ready, in one call: app:// serves the renderer (a secure, standard
 * origin of its own), attachment:// serves certificate previews the renderer's CSP allows.
 */
export function registerSchemes(target: Protocol = protocol): void {
  target.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: ATTACHMENT_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function attachmentUrl(attachmentId: string): string {
  return `${ATTACHMENT_SCHEME}://file/${encodeURIComponent(attachmentId)}`;
}

/** app://recert/<path> → the built renderer's files only (renderer-files.ts decides), with the strict CSP. */
export function handleAppScheme(rendererDir: string, target: Protocol = protocol): void {
  target.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file.ok) return new Response(`Refused: ${file.reason}.`, { status: file.status });
    return new Response(new Uint8Array(await readFile(file.path)), {
      status: 200,
      headers: {
        'content-type': file.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

/**
 * attachment://file/<id> → the certificate's bytes. The id is looked up in the store; the path is the
 * content store's own (a SHA-256 it checks), so no request can name a file outside it. Only the
 * allow-listed preview types are served, never cached.
 */
export function handleAttachmentScheme(context: AppContext, target: Protocol = protocol): void {
  target.handle(ATTACHMENT_SCHEME, async (request) => {
    const url = new URL(request.url);
    let id: string;
    try {
      id = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const attachment = url.host === 'file' ? context.store.attachments.get(id) : undefined;
    if (!attachment) return new Response('Not found', { status: 404 });
    try {
      const preview = await previewOf(attachment, context.files, join(context.dataDir, PREVIEWS_FOLDER));
      return new Response(new Uint8Array(preview.bytes), {
        status: 200,
        headers: { 'content-type': preview.mediaType, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('This file cannot be previewed.', { status: 415 });
    }
  });
}
