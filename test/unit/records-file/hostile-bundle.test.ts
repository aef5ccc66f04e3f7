// Records bundles built to break the reader: names no file system takes, a file that is also a
// folder, links, entries sharing one 24 MB entry, a wrong CRC-32, an empty ZIP. Each is refused by
// the built command with a message and exit 2 (never a stack trace), and uploaded to a real
// browser-mode host, which keeps answering.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { crc32 } from 'node:zlib';
import { ZipFile } from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralDirectoryAndEnd, localHeader, type StoredEntry } from '../../../main/core/backup/zip-stored';
import { startHostChild, type HostChild } from '../../helpers/browser-host-child';
import { projectRoot, tempDir } from '../../helpers/context';
import { tinyPdf } from '../../helpers/seed';

const records = Buffer.from('{"format":"recert-records/1","people":[]}');
let dir: string;
let host: HostChild;
beforeAll(async () => {
  dir = tempDir('recert-hostile-bundle-');
  mkdirSync(join(dir, 'system-tmp'));
  host = await startHostChild(join(dir, 'host-data'));
});
afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The children's own system temporary folder: other test files running meanwhile make bundle folders in the shared one. */
const systemTemp = () => join(dir, 'system-tmp');
function recert(...args: string[]) {
  return spawnSync(process.execPath, [join(projectRoot, 'bin/recert.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: systemTemp() },
  });
}

async function zipOf(name: string, entries: [string, Buffer, { mode?: number }?][]): Promise<string> {
  const zip = new ZipFile();
  zip.addBuffer(records, 'records.json');
  for (const [entry, bytes, options] of entries) zip.addBuffer(bytes, entry, options ?? {});
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

/** A ZIP written record by record: `names` all point at one stored entry of `data` (with `crc` as its CRC-32). */
function sharedEntryZip(name: string, data: Buffer, names: string[], crc = crc32(data)): string {
  const when = new Date(2026, 0, 1);
  const first: StoredEntry = { name: 'records.json', size: records.length, offset: 0, crc32: crc32(records) };
  const parts = [localHeader(first, when), records];
  const offset = parts.reduce((sum, part) => sum + part.length, 0);
  const shared = names.map((entryName) => ({ name: entryName, size: data.length, offset, crc32: crc }));
  parts.push(localHeader(shared[0] as StoredEntry, when), data);
  const end = parts.reduce((sum, part) => sum + part.length, 0);
  parts.push(centralDirectoryAndEnd([first, ...shared], end, when));
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

const bundleTemps = () =>
  readdirSync(systemTemp())
    .filter((name) => name.startsWith('recert-bundle-'))
    .sort();

async function refusedEverywhere(file: string, why: RegExp) {
  const before = bundleTemps();
  for (const command of [
    ['import', file, '--db', join(dir, 'cli-data')],
    ['evaluate', file],
  ]) {
    const result = recert(...command);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(why);
    expect(result.stderr).toContain(`${basename(file)} cannot be used`);
    expect(result.stderr).not.toMatch(/\n\s+at |node:internal|Node\.js v/);
    expect(result.stderr).not.toContain('\u0000');
  }
  const uploaded = await host.call('previewRecordsImport', {
    fileName: 'from-dana.recert',
    contentBase64: readFileSync(file).toString('base64'),
  });
  expect(uploaded.body).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  const message = (uploaded.body as { error: { message: string } }).error.message;
  expect(message).toMatch(why);
  // The person's own file is named, never the host's temporary copy of it.
  expect(message).toContain('from-dana.recert');
  expect(message).not.toMatch(/upload-|\.tmp/);
  // The host is still there, and the bundle's temporary folders are gone.
  expect((await host.call('listPeople', {})).body).toMatchObject({ ok: true });
  expect(host.child.exitCode).toBeNull();
  expect(bundleTemps()).toEqual(before);
}

describe('a hostile records bundle gets a message, never a crash', () => {
  it('a path of 2,100 levels', async () => {
    const file = await zipOf('deep.recert', [[`certs/${'a/'.repeat(2100)}x.pdf`, tinyPdf]]);
    await refusedEverywhere(file, /cannot be used: the name "certs\/a\/a[a/]*…" is longer or deeper than any certificate's/);
  });

  it('a NUL in a name', async () => {
    // yazl refuses to write one: the name is patched to the same length afterwards.
    const file = await zipOf('nul.recert', [['certs/aXb.pdf', tinyPdf]]);
    writeFileSync(file, Buffer.from(readFileSync(file).toString('latin1').replaceAll('certs/aXb.pdf', 'certs/a\u0000b.pdf'), 'latin1'));
    await refusedEverywhere(file, /the name "certs\/a\\u0000b\.pdf" holds a control character/);
  });

  it('"certs/x" and then "certs/x/y.pdf"', async () => {
    const file = await zipOf('file-and-folder.recert', [
      ['certs/x', tinyPdf],
      ['certs/x/y.pdf', tinyPdf],
    ]);
    await refusedEverywhere(file, /"certs\/x" is both a file and a folder/);
  });

  it('a link, and then a file under it', async () => {
    const file = await zipOf('link.recert', [
      ['certs/link', Buffer.from('/etc'), { mode: 0o120777 }],
      ['certs/link/y.pdf', tinyPdf],
    ]);
    await refusedEverywhere(file, /"certs\/link" is a link, which no records bundle holds/);
  });

  it('2,000 entries pointing at one 24 MB entry are refused before anything is written', async () => {
    const data = Buffer.alloc(24 * 1024 * 1024);
    const file = sharedEntryZip(
      'shared.recert',
      data,
      Array.from({ length: 2000 }, (_, i) => `certs/${i}.pdf`),
    );
    await refusedEverywhere(file, /it expands to more than 4 GB/);
  });

  it('ten entries sharing one entry (within every size limit) are refused as overlapping', async () => {
    const file = sharedEntryZip(
      'overlap.recert',
      tinyPdf,
      Array.from({ length: 10 }, (_, i) => `certs/${i}.pdf`),
    );
    await refusedEverywhere(file, /"certs\/\d\.pdf" overlaps "certs\/\d\.pdf"/);
  });

  it('an entry whose CRC-32 is wrong', async () => {
    const file = sharedEntryZip('crc.recert', tinyPdf, ['certs/one.pdf'], (crc32(tinyPdf) ^ 1) >>> 0);
    await refusedEverywhere(file, /"certs\/one\.pdf" is damaged \(its CRC-32 does not match/);
  });

  it('an empty ZIP, without echoing its bytes', async () => {
    const file = join(dir, 'empty.recert');
    writeFileSync(file, Buffer.from([0x50, 0x4b, 0x05, 0x06, ...Array<number>(18).fill(0)]));
    await refusedEverywhere(file, /cannot be used: it holds no records\.json/);
  });
});
