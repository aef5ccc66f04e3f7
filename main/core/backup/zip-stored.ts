// The ZIP records of a backup (PKWARE APPNOTE 6.3): every entry stored, not compressed, with a UTF-8
// name, and ZIP64 fields once an offset or size reaches 4 GiB. A backup writes these by hand instead
// of through yazl because yazl computes CRC-32 in JavaScript: that alone took longer than `tar -cf`
// of the whole folder, while Node's zlib.crc32 is native and far quicker. Reading still goes
// through yauzl, which also checks what is written here (and `unzip -t` in the tests).

export interface StoredEntry {
  name: string;
  size: number;
  /** Where the entry's local header starts in the archive. */
  offset: number;
  crc32: number;
}

const MAX32 = 0xffffffff;
const MAX16 = 0xffff;
const UTF8_NAMES = 0x0800;
const MADE_BY_UNIX = 3 << 8;
const FILE_MODE = 0o100644;

/** A size or offset from which ZIP64 fields are used; lowered only by tests, to exercise them. */
export interface Limits {
  zip64From: number;
}
export const ZIP_LIMITS: Limits = { zip64From: MAX32 };

function dosDateTime(when: Date): { time: number; date: number } {
  return {
    time: (when.getHours() << 11) | (when.getMinutes() << 5) | Math.floor(when.getSeconds() / 2),
    date: (Math.max(0, when.getFullYear() - 1980) << 9) | ((when.getMonth() + 1) << 5) | when.getDate(),
  };
}

const localNeedsZip64 = (entry: StoredEntry, limits: Limits) => entry.size >= limits.zip64From;

export function localHeaderLength(entry: Pick<StoredEntry, 'name' | 'size'>, limits: Limits = ZIP_LIMITS): number {
  return 30 + Buffer.byteLength(entry.name) + (entry.size >= limits.zip64From ? 20 : 0);
}

export function localHeader(entry: StoredEntry, when: Date, limits: Limits = ZIP_LIMITS): Buffer {
  const name = Buffer.from(entry.name);
  const zip64 = localNeedsZip64(entry, limits);
  const header = Buffer.alloc(localHeaderLength(entry, limits));
  const { time, date } = dosDateTime(when);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64 ? 45 : 20, 4); // version needed to extract
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  header.writeUInt32LE(entry.crc32 >>> 0, 14);
  header.writeUInt32LE(zip64 ? MAX32 : entry.size, 18); // compressed size
  header.writeUInt32LE(zip64 ? MAX32 : entry.size, 22); // uncompressed size
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(zip64 ? 20 : 0, 28);
  name.copy(header, 30);
  if (zip64) {
    const extra = 30 + name.length;
    header.writeUInt16LE(0x0001, extra);
    header.writeUInt16LE(16, extra + 2);
    header.writeBigUInt64LE(BigInt(entry.size), extra + 4);
    header.writeBigUInt64LE(BigInt(entry.size), extra + 12);
  }
  return header;
}

function centralHeader(entry: StoredEntry, when: Date, limits: Limits): Buffer {
  const name = Buffer.from(entry.name);
  const bigSize = entry.size >= limits.zip64From;
  const bigOffset = entry.offset >= limits.zip64From;
  // The ZIP64 extra field holds, in this order, only the values whose ordinary field says 0xFFFFFFFF.
  const extraValues = [...(bigSize ? [entry.size, entry.size] : []), ...(bigOffset ? [entry.offset] : [])];
  const extraLength = extraValues.length > 0 ? 4 + 8 * extraValues.length : 0;
  const header = Buffer.alloc(46 + name.length + extraLength);
  const { time, date } = dosDateTime(when);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(MADE_BY_UNIX | 63, 4);
  header.writeUInt16LE(extraLength > 0 ? 45 : 20, 6);
  header.writeUInt16LE(UTF8_NAMES, 8);
  header.writeUInt16LE(0, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(entry.crc32 >>> 0, 16);
  header.writeUInt32LE(bigSize ? MAX32 : entry.size, 20);
  header.writeUInt32LE(bigSize ? MAX32 : entry.size, 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt16LE(extraLength, 30);
  // comment length, disk number start, internal attributes: 0
  header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
  header.writeUInt32LE(bigOffset ? MAX32 : entry.offset, 42);
  name.copy(header, 46);
  if (extraLength > 0) {
    const extra = 46 + name.length;
    header.writeUInt16LE(0x0001, extra);
    header.writeUInt16LE(extraLength - 4, extra + 2);
    extraValues.forEach((value, i) => header.writeBigUInt64LE(BigInt(value), extra + 4 + 8 * i));
  }
  return header;
}

/** The central directory and end records, written after the last entry's data at `offset`. */
export function centralDirectoryAndEnd(entries: StoredEntry[], offset: number, when: Date, limits: Limits = ZIP_LIMITS): Buffer {
  const directory = Buffer.concat(entries.map((entry) => centralHeader(entry, when, limits)));
  const zip64 = entries.length >= MAX16 || offset >= limits.zip64From || directory.length >= limits.zip64From;
  const parts = [directory];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4); // size of the rest of this record
    record.writeUInt16LE(MADE_BY_UNIX | 63, 12);
    record.writeUInt16LE(45, 14);
    // this disk, the directory's disk: 0
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16); // total disks
    parts.push(record, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? MAX16 : entries.length, 8);
  end.writeUInt16LE(zip64 ? MAX16 : entries.length, 10);
  end.writeUInt32LE(zip64 ? MAX32 : directory.length, 12);
  end.writeUInt32LE(zip64 ? MAX32 : offset, 16);
  parts.push(end);
  return Buffer.concat(parts);
}
