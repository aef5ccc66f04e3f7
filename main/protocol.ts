import { PREVIEWS_FOLDER } from './core/data-dir';
import { join } from 'node:path';
import { protocol } from 'electron';
import { previewOf } from './core/attachments/preview';
import type { AppContext } from './app-context';

export const ATTACHMENT_SCHEME = 'attachment';

/** Must run before the app is ready: lets the renderer's CSP name the scheme for images and frames. */
export function registerAttachmentScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: ATTACHMENT_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function attachmentUrl(attachmentId: string): string {
  return `${ATTACHMENT_SCHEME}://file/${encodeURIComponent(attachmentId)}`;
}

/**
 * attachment://file/<id> → the certificate's bytes. The id is looked up in the store; the path is the
 * content store's own (a SHA-256 it checks), so no request can name a file outside it. Only the
 * allow-listed preview types are served, never cached.
 */
export function handleAttachmentScheme(context: AppContext): void {
  protocol.handle(ATTACHMENT_SCHEME, async (request) => {
    const url = new URL(request.url);
    const id = decodeURIComponent(url.pathname.replace(/^\/+/, ''));
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
