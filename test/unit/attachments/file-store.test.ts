import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentStore, sha256Hex } from '../../../main/core/attachments/file-store';
import { sniffMediaType } from '../../../main/core/attachments/media-type';
import { tempDir } from '../../helpers/context';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('content-addressed certificate store', () => {
  it('stores the same file once, under its SHA-256, with no temporary files left', () => {
    root = tempDir();
    const files = contentStore(root);
    const bytes = Buffer.from('%PDF-1.4 certificate');
    const first = files.put(bytes);
    const second = files.put(bytes);
    expect(first).toBe(sha256Hex(bytes));
    expect(second).toBe(first);
    expect(readdirSync(join(root, first.slice(0, 2)))).toEqual([first]);
    expect(readFileSync(files.pathOf(first))).toEqual(bytes);
  });

  it('refuses a hash that could escape the folder', () => {
    root = tempDir();
    const files = contentStore(root);
    expect(() => files.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
    expect(() => files.read('A'.repeat(64))).toThrow(/not a SHA-256/);
  });
});

describe('media type from content', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n'), 'application/pdf'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'image/jpeg'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
    ['HEIC', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic')]), 'image/heic'],
    ['HEIF', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmif1')]), 'image/heif'],
    ['text', Buffer.from('hello'), null],
    ['GIF', Buffer.from('GIF89a'), null],
    ['MP4', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom')]), null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffMediaType(bytes)).toBe(expected);
  });
});
