// What a certificate file may cost before it is read. Run through the built command in a child process:
// the symptoms these guard against are a crashed process (Tesseract allocating 10 gigapixels), a
// process that never ends (/dev/zero, a pipe) and gigabytes of memory (a PDF bomb).
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPdfInflation, readCertificateFile, UnreadableFile } from '../../../main/core/scan/bounds';
import { scanCertificate } from '../../../main/core/scan/scan';
import { projectRoot, tempDir } from '../../helpers/context';

const dir = tempDir('recert-scan-bounds-');
const cli = join(projectRoot, 'out/main/cli.js');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `recert scan FILE`, in a child that reports its peak memory on its last line of stderr. */
function scan(file: string, timeout = 60_000) {
  const script = `require(${JSON.stringify(cli)}).run(['scan', ${JSON.stringify(file)}]).then((code) => { process.stderr.write('\\nmaxRSS ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = code; });`;
  const started = Date.now();
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout });
  const rss = Number(/maxRSS (\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024;
  return { code: result.status, signal: result.signal, stderr: result.stderr, ms: Date.now() - started, rssMb: rss };
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}
/** A PNG whose header declares width × height, holding one row of data: a few dozen bytes. */
function declaredPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(2))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF whose content is `streams` streams, each inflating to `each` bytes of spaces. */
function pdfBomb(streams: number, each: number): Buffer {
  const data = deflateSync(Buffer.alloc(each, 0x20), { level: 9 });
  const objects: Buffer[] = [];
  const refs = Array.from({ length: streams }, (_, i) => `${i + 4} 0 R`).join(' ');
  objects.push(Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  objects.push(Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'));
  objects.push(Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [${refs}] >>`));
  for (let i = 0; i < streams; i++)
    objects.push(
      Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream')]),
    );
  const head = Buffer.from('%PDF-1.4\n');
  const parts: Buffer[] = [head];
  const offsets: number[] = [];
  let at = head.length;
  for (const [i, body] of objects.entries()) {
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets.push(at);
    parts.push(object);
    at += object.length;
  }
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

beforeAll(() => {
  execFileSync('test', ['-f', cli]);
});

describe('scan refuses what would cost too much, before decoding it', () => {
  it('an image declaring 100000 × 100000 pixels: a message and exit 2, no crash', () => {
    const file = join(dir, 'huge.png');
    const png = declaredPng(100_000, 100_000);
    expect(png.length).toBeLessThan(100);
    writeFileSync(file, png);
    const run = scan(file);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/declares 10,000 megapixels, more than the 60 a photo or scan of a certificate has/);
    expect(run.rssMb).toBeLessThan(400);
  }, 90_000);

  it('a JPEG whose frame declares 65535 × 65535 pixels is refused from its header', async () => {
    const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xff, 0xff, 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), sof, Buffer.from([0xff, 0xd9])]);
    await expect(scanCertificate('huge.jpg', jpeg)).rejects.toThrow(/declares 4,295 megapixels/);
  });

  it('a PDF bomb (2 GB of page content in under 3 MB) is refused with the inflation stopped at the bound', () => {
    const file = join(dir, 'bomb.pdf');
    const bomb = pdfBomb(128, 16 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    writeFileSync(file, bomb);
    const run = scan(file);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/The PDF expands to more than 64 MB when opened, far more than a certificate: it was not read/);
    expect(run.rssMb).toBeLessThan(400);
    expect(run.ms).toBeLessThan(15_000);
  }, 90_000);

  it('a PDF whose streams stay under the bound is measured and passes', () => {
    expect(() => checkPdfInflation(pdfBomb(2, 1024 * 1024))).not.toThrow();
    expect(() => checkPdfInflation(pdfBomb(5, 16 * 1024 * 1024))).toThrow(UnreadableFile);
  });

  it('/dev/zero and a named pipe are not regular files: refused at once, not read', () => {
    const zero = scan('/dev/zero', 30_000);
    expect(zero.signal).toBeNull();
    expect(zero.code, zero.stderr).toBe(2);
    expect(zero.stderr).toMatch(/not a regular file \(a device, pipe or socket\)/);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const piped = scan(fifo, 30_000);
    expect(piped.signal).toBeNull();
    expect(piped.code, piped.stderr).toBe(2);
    expect(piped.stderr).toMatch(/not a regular file/);
  }, 90_000);

  it('a file over 25 MB is refused from its size; an empty or missing file and a folder get their reasons', () => {
    const big = join(dir, 'big.pdf');
    writeFileSync(big, '%PDF-1.4\n');
    truncateSync(big, 26 * 1024 * 1024);
    expect(() => readCertificateFile(big)).toThrow(/The file is 26.0 MB, larger than the 25 MB a certificate file may be/);
    const run = scan(big);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/larger than the 25 MB/);
    const empty = join(dir, 'empty.pdf');
    writeFileSync(empty, '');
    expect(() => readCertificateFile(empty)).toThrow(/The file is empty/);
    expect(() => readCertificateFile(join(dir, 'missing.pdf'))).toThrow(/does not exist/);
    expect(() => readCertificateFile(dir)).toThrow(/a folder, not a file/);
  }, 60_000);
});

describe('the same files scanned through the app (a real browser-mode host)', () => {
  it('get a message, and the host keeps answering', async () => {
    const { startHostChild } = await import('../../helpers/browser-host-child');
    const host = await startHostChild(join(dir, 'host-data'));
    try {
      for (const [fileName, bytes, why] of [
        ['huge.png', declaredPng(100_000, 100_000), /declares 10,000 megapixels/],
        ['bomb.pdf', pdfBomb(128, 16 * 1024 * 1024), /expands to more than 64 MB when opened/],
      ] as const) {
        const answer = await host.call('scanCertificate', { fileName, contentBase64: bytes.toString('base64'), form: 'course' });
        expect(answer.body, fileName).toMatchObject({ ok: false });
        expect(JSON.stringify(answer.body), fileName).toMatch(why);
        expect(host.child.exitCode, host.output()).toBeNull();
        expect((await host.call('listPeople', {})).body).toMatchObject({ ok: true });
      }
    } finally {
      await host.stop();
    }
  }, 90_000);
});
