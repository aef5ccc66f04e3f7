// Browser mode's secret is not a cookie: cookies ignore ports, so once the printed URL is opened, the
// browser sends the host's cookie to every other server on 127.0.0.1. A second local server that
// receives it (in a real Chromium) must not be able to call the API with it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostChild, type HostChild } from '../../helpers/browser-host-child';
import { tempDir } from '../../helpers/context';

let host: HostChild;
let other: Server;
let otherOrigin = '';
const received: string[] = [];
let browser: Browser;

beforeAll(async () => {
  host = await startHostChild(join(tempDir('recert-token-'), 'data'));
  other = createServer((request, response) => {
    received.push(request.headers.cookie ?? '');
    response.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>another local app</title>');
  });
  await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser.close();
  await new Promise((done) => other.close(done));
  await host.stop();
});

describe('browser mode token', () => {
  it('another server on 127.0.0.1 receives the cookie but cannot call the API with it; the page can', async () => {
    const page = await browser.newPage();
    await page.goto(host.url);
    await page.waitForFunction(() => 'recert' in globalThis);
    // The page's own calls work, and its previews (a GET that carries the cookie) are allowed.
    const listed = await page.evaluate(() =>
      (globalThis as unknown as { recert: { listPeople(input: object): Promise<unknown> } }).recert.listPeople({}),
    );
    expect(listed).toMatchObject({ ok: true });
    expect((await page.goto(`${host.origin}/attachments/none`))?.status()).toBe(404);

    await page.goto(otherOrigin);
    const cookie = received.at(-1) ?? '';
    // Cookies ignore ports: the other server does get one ...
    expect(cookie).toMatch(/recert-files-\d+=/);
    // ... but it is not the API token, and nothing it holds opens the API.
    expect(cookie).not.toContain(host.token);
    for (const value of cookie.split(';').map((part) => part.trim().split('=').slice(1).join('='))) {
      const response = await fetch(`${host.origin}/api/listPeople`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-recert-token': value, cookie },
        body: JSON.stringify({ input: {} }),
      });
      expect(response.status).toBe(403);
    }
    await page.close();
  });
});
