// The desktop app's guards, run under Node with an Electron stand-in: navigation, new windows,
// permissions, IPC senders and the app:// and attachment:// protocols. The production functions and
// webPreferences are exercised, never a relaxed copy.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appUrlCheck, isSameOrigin } from '../../../main/app-url';
import { cliArguments, reminderTarget, saveFilters } from '../../../main/desktop';
import { bindIpc, CHANNEL_PREFIX, isTrustedSender } from '../../../main/ipc';
import { attachmentUrl, handleAppScheme, handleAttachmentScheme, registerSchemes } from '../../../main/protocol';
import { resolveRendererFile } from '../../../main/renderer-files';
import { hardenContents, hardenSession, openExternally, secureWebPreferences } from '../../../main/security';
import { methodNames } from '../../../preload/contract';
import { FakeSession, FakeWebContents, ipcMain, protocol, shell } from '../../helpers/electron-stand-in';
import { freshContext, tempDir } from '../../helpers/context';
import { seed } from '../../helpers/seed';

const isAppUrl = appUrlCheck(undefined);

describe('webPreferences', () => {
  it('are the hardened production ones', () => {
    expect(secureWebPreferences('/app/preload.js')).toEqual({
      preload: '/app/preload.js',
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
    });
  });
});

describe('the app origin', () => {
  it('compares parsed origins, not strings', () => {
    expect(isAppUrl('app://recert/index.html#/team')).toBe(true);
    expect(isAppUrl('app://recert/assets/index.js')).toBe(true);
    for (const url of [
      'app://recert.evil/index.html',
      'app://evil/recert',
      'app://recert@evil/',
      'https://recert/',
      'file:///app/index.html',
      'not a url',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isSameOrigin('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(isSameOrigin('http://localhost:5174/x', 'http://localhost:5173/')).toBe(false);
    expect(appUrlCheck('http://localhost:5173/')('http://localhost:5173/#/team')).toBe(true);
  });
});

describe('navigation and new windows', () => {
  const contents = new FakeWebContents();
  hardenContents(contents as never, isAppUrl, (url) => shell.openExternal(url));

  it('stays on the app: other origins are refused, and only https opens in the browser', () => {
    shell.opened.length = 0;
    expect(contents.attempt('will-navigate', 'app://recert/index.html#/courses')).toBe(false);
    expect(contents.attempt('will-navigate', 'https://www.nasm.org/recertification')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'http://example.org/')).toBe(true);
    expect(shell.opened).toEqual(['https://www.nasm.org/recertification']);
  });

  it('refuses redirects away from the app and any webview', () => {
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'app://recert/index.html')).toBe(false);
    expect(contents.attempt('will-attach-webview')).toBe(true);
  });

  it('denies every new window; an https link goes to the system browser, nothing else anywhere', () => {
    shell.opened.length = 0;
    for (const url of ['https://www.nasm.org/', 'javascript:alert(1)', 'file:///etc/passwd', 'app://recert/index.html']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(shell.opened).toEqual(['https://www.nasm.org/']);
    expect(openExternally('https://x.org/\u0000', () => undefined)).toBe(true);
    expect(openExternally('HTTPS://X.ORG', () => undefined)).toBe(true);
    expect(openExternally('httpsx://x.org', () => undefined)).toBe(false);
  });
});

describe('permissions', () => {
  it('are all denied', () => {
    const session = new FakeSession();
    hardenSession(session as never);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      session.requestHandler?.(null, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(session.checkHandler?.()).toBe(false);
  });
});

describe('IPC senders', () => {
  const mainFrame = { url: 'app://recert/index.html' };
  const subframe = { url: 'app://recert/index.html' };
  const elsewhere = { url: 'https://evil.example/' };
  const calls: string[] = [];
  bindIpc(
    (method) => {
      calls.push(method);
      return { ok: true, value: method };
    },
    (frame) => isTrustedSender(frame, mainFrame, isAppUrl),
    ipcMain as never,
  );

  it('binds every contract method and nothing else', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(methodNames.map((m) => CHANNEL_PREFIX + m).sort());
  });

  it('answers the app window only: a subframe, another origin or no frame are refused', async () => {
    const handler = ipcMain.handlers.get(`${CHANNEL_PREFIX}listPeople`);
    expect(await handler?.({ senderFrame: mainFrame }, {})).toEqual({ ok: true, value: 'listPeople' });
    for (const senderFrame of [subframe, elsewhere, null]) {
      expect(await handler?.({ senderFrame }, {})).toMatchObject({ ok: false, error: { message: /did not come from the Recert window/ } });
    }
    expect(calls).toEqual(['listPeople']);
    // The main frame having navigated elsewhere is refused too.
    expect(isTrustedSender(elsewhere, elsewhere, isAppUrl)).toBe(false);
  });
});

describe('the app:// protocol', () => {
  let renderer: string;
  beforeAll(() => {
    renderer = join(tempDir('recert-renderer-'), 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Recert</title>');
    writeFileSync(join(renderer, 'assets', 'index.js'), 'console.log(1)');
    writeFileSync(join(renderer, '..', 'secret.txt'), 'outside');
    writeFileSync(join(renderer, 'notes.txt'), 'not a served type');
  });

  it('serves the renderer folder only, with allow-listed types', () => {
    expect(resolveRendererFile(renderer, APP_ENTRY_URL)).toMatchObject({ ok: true, contentType: 'text/html; charset=utf-8' });
    expect(resolveRendererFile(renderer, 'app://recert/')).toMatchObject({ ok: true });
    expect(resolveRendererFile(renderer, 'app://recert/assets/index.js')).toMatchObject({ ok: true, contentType: /javascript/ });
    const refused = [
      'app://recert/../secret.txt',
      'app://recert/%2e%2e/secret.txt',
      'app://recert/assets/..%2f..%2fsecret.txt',
      'app://recert/assets%2f..%2f..%2fsecret.txt',
      'app://recert/..%5csecret.txt',
      'app://recert/notes.txt',
      'app://evil/index.html',
      'attachment://recert/index.html',
    ];
    for (const url of refused) expect(resolveRendererFile(renderer, url), url).toMatchObject({ ok: false, status: 403 });
    expect(resolveRendererFile(renderer, 'app://recert/missing.js')).toMatchObject({ ok: false, status: 404 });
    expect(resolveRendererFile(renderer, 'app://recert/%E0%A4%A')).toMatchObject({ ok: false, status: 400 });
  });

  it('answers through the protocol handler with the CSP, and registers both schemes as privileged', async () => {
    registerSchemes(protocol as never);
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app', 'attachment']);
    handleAppScheme(renderer, protocol as never);
    const handler = protocol.handlers.get('app');
    const page = await handler?.(new Request(APP_ENTRY_URL));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handler?.(new Request('app://recert/%2e%2e/secret.txt')))?.status).toBe(403);
  });
});

describe('the attachment:// protocol', () => {
  const context = freshContext();
  const seeded = seed(context);
  afterAll(() => context.dispose());

  it('serves a stored certificate by id, and nothing for unknown ids, other hosts or paths', async () => {
    handleAttachmentScheme(context, protocol as never);
    const handler = protocol.handlers.get('attachment');
    const ok = await handler?.(new Request(attachmentUrl(seeded.attachmentId)));
    expect(ok?.status).toBe(200);
    expect(ok?.headers.get('cache-control')).toBe('no-store');
    for (const url of [
      attachmentUrl('unknown-id'),
      `attachment://other/${seeded.attachmentId}`,
      'attachment://file/..%2f..%2frecert.sqlite3',
      'attachment://file/%2e%2e',
    ]) {
      expect((await handler?.(new Request(url)))?.status, url).toBe(404);
    }
    expect((await handler?.(new Request('attachment://file/%E0%A4%A')))?.status).toBe(400);
  });
});

describe('desktop decisions', () => {
  it('names the save dialog file type after the suggested file', () => {
    expect(saveFilters('Team certification report - 23 Nov 2026.csv')).toEqual([{ name: 'CSV spreadsheet', extensions: ['csv'] }]);
    expect(saveFilters('Audit packet.pdf')).toEqual([{ name: 'PDF', extensions: ['pdf'] }]);
    expect(saveFilters('no-extension')).toEqual([]);
  });
  it("opens the trainer's dashboard from a reminder, the Team screen from a summary", () => {
    expect(reminderTarget(APP_ENTRY_URL, 'p 1')).toBe('app://recert/index.html#/dashboard?person=p%201');
    expect(reminderTarget('app://recert/index.html#/courses', null)).toBe('app://recert/index.html#/team');
  });
  it('runs the command line when asked with --recert-cli', () => {
    expect(cliArguments(['/opt/Recert/recert', '--recert-cli', 'team', '--json'])).toEqual(['team', '--json']);
    expect(cliArguments(['/opt/Recert/recert'])).toBeNull();
  });
});
