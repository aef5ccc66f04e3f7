// The ZIP64 boundary itself: an offset of exactly 0xFFFFFFFF cannot be written in a 32-bit field
// (APPNOTE 4.4.16 and 4.4.24: that value means "the value is in the ZIP64 field"), so it must go to
// ZIP64. Checked on sparse files whose entry, or central directory, starts exactly there. yauzl,
// unzip and Python's zipfile take a bare 0xFFFFFFFF at its word (which happens to be right), so
// they cannot tell; Go's archive/zip refuses it. The reader here follows APPNOTE to the
// letter, as those do, and yauzl (what restore uses) and `unzip -t` must read the files too.
import { spawnSync } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import { centralDirectoryAndEnd, localHeader, type StoredEntry } from '../../../main/core/backup/zip-stored';
import { tempDir } from '../../helpers/context';

const dir = tempDir('recert-zip64-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MAX32 = 0xffffffff;
const when = new Date(2026, 0, 1);

/** Writes each piece at its offset; the gaps stay holes, so a 4 GiB archive takes a few KB. */
function sparse(name: string, pieces: [number, Buffer][]): string {
  const file = join(dir, name);
  const fd = openSync(file, 'w');
  try {
    for (const [at, bytes] of pieces) writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
  return file;
}

async function read(file: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true });
  const found = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      found.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return found;
}

/** Each entry's name and local header offset, read as APPNOTE says: a 32-bit field of all ones means "see ZIP64". */
function strictDirectory(file: string): { name: string; offset: number }[] {
  const fd = openSync(file, 'r');
  const at = (position: number, length: number) => {
    const bytes = Buffer.alloc(length);
    readSync(fd, bytes, 0, length, position);
    return bytes;
  };
  try {
    const size = fstatSync(fd).size;
    const end = at(size - 22, 22);
    if (end.readUInt32LE(0) !== 0x06054b50) throw new Error('no end of central directory record');
    let count = end.readUInt16LE(10);
    let directory = end.readUInt32LE(16);
    if (count === 0xffff || directory === MAX32 || end.readUInt32LE(12) === MAX32) {
      const locator = at(size - 22 - 20, 20);
      if (locator.readUInt32LE(0) !== 0x07064b50) throw new Error('a field says ZIP64 but there is no ZIP64 end locator');
      const record = at(Number(locator.readBigUInt64LE(8)), 56);
      if (record.readUInt32LE(0) !== 0x06064b50) throw new Error('no ZIP64 end record where the locator says');
      count = Number(record.readBigUInt64LE(32));
      directory = Number(record.readBigUInt64LE(48));
    }
    const entries: { name: string; offset: number }[] = [];
    let position = directory;
    for (let i = 0; i < count; i++) {
      const header = at(position, 46);
      if (header.readUInt32LE(0) !== 0x02014b50) throw new Error(`no central header at ${position}`);
      const [nameLength, extraLength, commentLength] = [header.readUInt16LE(28), header.readUInt16LE(30), header.readUInt16LE(32)];
      const name = at(position + 46, nameLength).toString('utf8');
      const extra = at(position + 46 + nameLength, extraLength);
      const zip64: bigint[] = [];
      for (let e = 0; e + 4 <= extra.length; e += 4 + extra.readUInt16LE(e + 2))
        if (extra.readUInt16LE(e) === 0x0001)
          for (let v = 0; v < extra.readUInt16LE(e + 2) / 8; v++) zip64.push(extra.readBigUInt64LE(e + 4 + 8 * v));
      const take = (value: number, what: string) => {
        if (value !== MAX32) return value;
        const next = zip64.shift();
        if (next === undefined) throw new Error(`${name}: its ${what} says ZIP64 but there is no ZIP64 field for it`);
        return Number(next);
      };
      take(header.readUInt32LE(24), 'size');
      take(header.readUInt32LE(20), 'compressed size');
      const offset = take(header.readUInt32LE(42), 'offset');
      if (at(offset, 4).readUInt32LE(0) !== 0x04034b50) throw new Error(`${name}: no local header at ${offset}`);
      entries.push({ name, offset });
      position += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

const data = Buffer.from('a certificate, stored');

describe('ZIP64 from an offset of exactly 0xFFFFFFFF', () => {
  it('an entry whose local header starts there', async () => {
    const entry: StoredEntry = { name: 'certificates/late.pdf', size: data.length, offset: MAX32, crc32: crc32(data) };
    const header = localHeader(entry, when);
    const end = MAX32 + header.length + data.length;
    const file = sparse('entry-at-boundary.zip', [
      [MAX32, header],
      [MAX32 + header.length, data],
      [end, centralDirectoryAndEnd([entry], end, when)],
    ]);
    expect(strictDirectory(file)).toEqual([{ name: 'certificates/late.pdf', offset: MAX32 }]);
    expect((await read(file)).get('certificates/late.pdf')?.toString()).toBe(data.toString());
    const unzip = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(unzip.stdout, unzip.stderr).toMatch(/No errors detected/);
  });

  it('a central directory that starts there', async () => {
    const entry: StoredEntry = { name: 'database.sqlite3', size: data.length, offset: 0, crc32: crc32(data) };
    const header = localHeader(entry, when);
    const file = sparse('directory-at-boundary.zip', [
      [0, header],
      [header.length, data],
      [MAX32, centralDirectoryAndEnd([entry], MAX32, when)],
    ]);
    expect(strictDirectory(file)).toEqual([{ name: 'database.sqlite3', offset: 0 }]);
    expect((await read(file)).get('database.sqlite3')?.toString()).toBe(data.toString());
    const unzip = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(unzip.stdout, unzip.stderr).toMatch(/No errors detected/);
  });
});
