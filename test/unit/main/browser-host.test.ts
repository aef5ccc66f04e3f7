// Browser mode's loopback host answers bad requests as bad requests (400/415), never with a server error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../main/browser-host';
import { freshContext, projectRoot } from '../../helpers/context';
import { seed, tinyPdf } from '../../helpers/seed';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const context = freshContext();
let host: BrowserHost;
let cookie = '';

beforeAll(async () => {
  host = await startBrowserHost({ context, rendererDir: join(projectRoot, 'out/renderer'), port: 0 });
  const page = await fetch(host.url);
  cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});
afterAll(async () => {
  await host.close();
  context.dispose();
});

describe('browser mode', () => {
  const base = () => new URL(host.url).origin;

  it('refuses a request that is not UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.from(JSON.stringify({ input: { name: 'Dana XX' } }));
    body.set([0xff, 0xfe], body.indexOf('XX'));
    const response = await fetch(`${base()}/api/createPerson`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-recert-token': host.token },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      ok: false,
      error: { message: 'The request is not valid UTF-8 text; nothing was changed.' },
    });
    const people = await context.dispatch('listPeople', {});
    expect(JSON.stringify(people)).not.toContain('\uFFFD');
    expect(JSON.stringify(people)).not.toContain('Dana');
  });

  /** A call the way the page's bridge makes it for a file: the content is the body, the rest a header. */
  const upload = (method: string, rest: object, contentBase64: string) =>
    fetch(`${base()}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-recert-token': host.token, 'x-recert-input': encodeURIComponent(JSON.stringify(rest)) },
      body: contentBase64,
    });

  it('takes a file as a streamed body, and refuses one over its limit naming the file and the real limit', async () => {
    const s = seed(context);
    const owner = { kind: 'course', id: s.courseId };
    const added = await upload(
      'addAttachment',
      { owner, fileName: 'streamed.pdf' },
      Buffer.concat([tinyPdf, Buffer.from('streamed')]).toString('base64'),
    );
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({ ok: true, value: { fileName: 'streamed.pdf' } });

    const tooLargeCertificate = await upload('addAttachment', { owner, fileName: 'scan of card.pdf' }, 'A'.repeat(36 * 1024 * 1024));
    expect(tooLargeCertificate.status).toBe(413);
    expect(await tooLargeCertificate.json()).toMatchObject({
      ok: false,
      error: { message: 'scan of card.pdf is too large: certificate files may be at most 25 MB.' },
    });
    const tooLargeBundle = await upload('previewRecordsImport', { fileName: 'whole gym.recert' }, 'A'.repeat(140 * 1024 * 1024));
    expect(tooLargeBundle.status).toBe(413);
    expect(await tooLargeBundle.json()).toMatchObject({
      ok: false,
      error: { message: 'whole gym.recert is too large: the app takes files of at most 100 MB.' },
    });
    const tooLargeJson = await fetch(`${base()}/api/listPeople`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-recert-token': host.token },
      body: JSON.stringify({ input: { padding: 'x'.repeat(33 * 1024 * 1024) } }),
    });
    expect(tooLargeJson.status).toBe(413);
    expect(await tooLargeJson.json()).toMatchObject({
      error: { message: 'The request is too large: Recert takes at most 32 MB in one request.' },
    });
    // Nothing of the uploads is left in the data folder.
    expect(readdirSync(context.dataDir).filter((name) => name.startsWith('.upload-'))).toEqual([]);
  });

  it('answers 400 to bad percent-encoding in a page or file address', async () => {
    expect((await fetch(`${base()}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${base()}/attachments/%E0%A4%A`, { headers: { cookie } })).status).toBe(400);
  });

  it('says a damaged photo cannot be previewed (415), and keeps serving good files', async () => {
    const s = seed(context);
    const broken = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64, 1)]);
    const added = await context.dispatch('addAttachment', {
      owner: { kind: 'course', id: s.courseId },
      fileName: 'broken.heic',
      contentBase64: broken.toString('base64'),
    });
    expect(added.ok).toBe(true);
    const id = added.ok ? (added.value as { id: string }).id : '';
    const response = await fetch(`${base()}/attachments/${id}`, { headers: { cookie } });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain('cannot be previewed');
    expect((await fetch(`${base()}/attachments/${s.attachmentId}`, { headers: { cookie } })).status).toBe(200);
  });
});
