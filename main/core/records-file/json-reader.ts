// An incremental reader of a records file's shape: one top-level JSON object whose `people` array is
// handed over one person at a time, so that a chain's file (a million courses) is never held whole.
// It checks the JSON grammar itself, byte by byte, to name the byte where the text goes wrong; each
// value it hands over is then decoded by JSON.parse, so strings, escapes, surrogates and numbers mean
// exactly what they mean everywhere else.
import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';

/** Text that is not JSON (or not UTF-8), at a byte of the file. */
export class JsonReadError extends Error {
  constructor(
    message: string,
    /** The byte offset in the file (from its first byte, a byte-order mark included); -1 for the whole file. */
    readonly position: number,
  ) {
    super(message);
    this.name = 'JsonReadError';
  }
}

export interface RecordsFileVisitor {
  /** A top-level member other than an array of `people`. */
  member(key: string, value: unknown): void;
  /** The top-level `people` member is an array: its elements follow. */
  peopleArray(): void;
  /** One element of the top-level `people` array, in file order. */
  person(value: unknown, index: number): void;
}

/** Where the bytes come from: fills `into` from the current position, answering how many (0 at the end). */
export type ByteSource = (into: Buffer) => number;

/** Deeper than any records file: a bound so that hostile nesting cannot exhaust the stack. */
const MAX_DEPTH = 256;
const CHUNK_BYTES = 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isHex = (b: number) => isDigit(b) || (b >= 0x61 && b <= 0x66) || (b >= 0x41 && b <= 0x46);
const ESCAPES = new Set([QUOTE, BACKSLASH, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

function shown(b: number): string {
  if (b < 0) return 'the end of the file';
  if (b >= 0x21 && b < 0x7f) return `"${String.fromCharCode(b)}"`;
  return `byte 0x${b.toString(16).padStart(2, '0')}`;
}

class Scanner {
  private chunk = Buffer.alloc(0);
  private pos = 0;
  /** The file offset of the chunk's first byte. */
  private base = 0;
  private ended = false;
  /** Set while a value is captured: where it starts in the chunk, and its parts from earlier chunks. */
  private captureStart = -1;
  private parts: Buffer[] = [];

  constructor(private readonly source: ByteSource) {}

  /** The current byte, or -1 at the end of the file. */
  peek(): number {
    if (this.pos < this.chunk.length) return this.chunk[this.pos] as number;
    return this.refill() ? (this.chunk[this.pos] as number) : -1;
  }

  private refill(): boolean {
    if (this.ended) return false;
    if (this.captureStart >= 0) {
      this.parts.push(this.chunk.subarray(this.captureStart));
      this.captureStart = 0;
    }
    this.base += this.chunk.length;
    // A fresh buffer each time: a captured part keeps pointing into the one before.
    const next = Buffer.allocUnsafe(CHUNK_BYTES);
    const read = this.source(next);
    if (read === 0) {
      this.ended = true;
      this.chunk = Buffer.alloc(0);
      this.pos = 0;
      return false;
    }
    this.chunk = next.subarray(0, read);
    this.pos = 0;
    return true;
  }

  get offset(): number {
    return this.base + this.pos;
  }

  fail(message: string): never {
    throw new JsonReadError(`not valid JSON: ${message} at byte ${this.offset}`, this.offset);
  }

  unexpected(expected: string): never {
    this.fail(`expected ${expected}, found ${shown(this.peek())}`);
  }

  next(): void {
    this.pos += 1;
  }

  skipSpace(): number {
    let b = this.peek();
    while (isSpace(b)) {
      this.pos += 1;
      b = this.peek();
    }
    return b;
  }

  expect(byte: number, what: string): void {
    if (this.skipSpace() !== byte) this.unexpected(what);
    this.pos += 1;
  }

  startCapture(): void {
    this.peek();
    this.captureStart = this.pos;
    this.parts = [];
  }

  /** The captured value as text; refused when its bytes are not UTF-8. */
  endCapture(): string {
    const last = this.chunk.subarray(this.captureStart, this.pos);
    const bytes = this.parts.length === 0 ? last : Buffer.concat([...this.parts, last]);
    this.captureStart = -1;
    this.parts = [];
    if (!isUtf8(bytes)) throw new JsonReadError('not valid UTF-8 text', -1);
    return bytes.toString('utf8');
  }

  /** Consumes one value (after any space), checking its grammar. */
  value(depth: number): void {
    const b = this.skipSpace();
    if (b === QUOTE) return this.string();
    if (b === 0x7b) return this.object(depth + 1);
    if (b === 0x5b) return this.array(depth + 1);
    if (b === 0x2d || isDigit(b)) return this.number();
    if (b === 0x74) return this.literal('true');
    if (b === 0x66) return this.literal('false');
    if (b === 0x6e) return this.literal('null');
    this.unexpected('a value');
  }

  private literal(word: string): void {
    for (let i = 0; i < word.length; i++) {
      if (this.peek() !== word.charCodeAt(i)) this.unexpected(`"${word}"`);
      this.pos += 1;
    }
  }

  private digits(): void {
    if (!isDigit(this.peek())) this.unexpected('a digit');
    while (isDigit(this.peek())) this.pos += 1;
  }

  private number(): void {
    if (this.peek() === 0x2d) this.pos += 1;
    if (this.peek() === 0x30) {
      this.pos += 1;
      if (isDigit(this.peek())) this.fail('a number must not start with 0');
    } else this.digits();
    if (this.peek() === 0x2e) {
      this.pos += 1;
      this.digits();
    }
    const e = this.peek();
    if (e === 0x65 || e === 0x45) {
      this.pos += 1;
      const sign = this.peek();
      if (sign === 0x2b || sign === 0x2d) this.pos += 1;
      this.digits();
    }
  }

  /** A string's grammar: escapes and control characters (its UTF-8 is checked with the captured value). */
  string(): void {
    this.pos += 1;
    for (;;) {
      // The plain run of a string, within this chunk, in one tight loop.
      const chunk = this.chunk;
      let i = this.pos;
      while (i < chunk.length) {
        const c = chunk[i] as number;
        if (c === QUOTE || c === BACKSLASH || c < 0x20) break;
        i += 1;
      }
      this.pos = i;
      const b = this.peek();
      if (b === QUOTE) {
        this.pos += 1;
        return;
      }
      if (b < 0) this.fail('a string is not closed');
      if (b < 0x20) this.fail(`a control character (${shown(b)}) must be escaped in a string`);
      if (b === BACKSLASH) {
        this.pos += 1;
        const escape = this.peek();
        if (escape === 0x75) {
          this.pos += 1;
          for (let k = 0; k < 4; k++) {
            if (!isHex(this.peek())) this.unexpected('four hexadecimal digits after \\u');
            this.pos += 1;
          }
        } else if (ESCAPES.has(escape)) this.pos += 1;
        else this.fail(`${shown(escape)} cannot follow a backslash`);
      }
    }
  }

  private object(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('values are nested too deeply');
    this.pos += 1;
    if (this.skipSpace() === 0x7d) {
      this.pos += 1;
      return;
    }
    for (;;) {
      if (this.skipSpace() !== QUOTE) this.unexpected('a key in quotes');
      this.string();
      this.expect(0x3a, '":"');
      this.value(depth);
      const b = this.skipSpace();
      if (b !== 0x2c && b !== 0x7d) this.unexpected('"," or "}"');
      this.pos += 1;
      if (b === 0x7d) return;
    }
  }

  private array(depth: number): void {
    if (depth > MAX_DEPTH) this.fail('values are nested too deeply');
    this.pos += 1;
    if (this.skipSpace() === 0x5d) {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.value(depth);
      const b = this.skipSpace();
      if (b !== 0x2c && b !== 0x5d) this.unexpected('"," or "]"');
      this.pos += 1;
      if (b === 0x5d) return;
    }
  }

  /** One whole value, decoded. */
  captured(depth: number): unknown {
    this.skipSpace();
    this.startCapture();
    this.value(depth);
    return JSON.parse(this.endCapture());
  }
}

/**
 * Reads a records file's JSON from `source`: its top-level members go to `visitor.member`, each
 * element of its `people` array to `visitor.person` as soon as it is read. Throws JsonReadError for
 * text that is not JSON, not UTF-8, not one object, or that gives a top-level key twice (which
 * JSON.parse would settle silently by the last one, after the first `people` was already imported).
 */
export function readRecordsJson(source: ByteSource, visitor: RecordsFileVisitor): void {
  const scanner = new Scanner(source);
  // A byte-order mark is not part of the JSON.
  if (scanner.peek() === 0xef) {
    scanner.next();
    if (scanner.peek() !== 0xbb) scanner.unexpected('a value');
    scanner.next();
    if (scanner.peek() !== 0xbf) scanner.unexpected('a value');
    scanner.next();
  }
  if (scanner.skipSpace() !== 0x7b) {
    scanner.value(0);
    if (scanner.skipSpace() >= 0) scanner.unexpected('the end of the file');
    throw new JsonReadError('must be a JSON object with "format" and "people"', -1);
  }
  scanner.next();
  const keys = new Set<string>();
  let b = scanner.skipSpace();
  if (b === 0x7d) scanner.next();
  else
    for (;;) {
      if (b !== QUOTE) scanner.unexpected('a key in quotes');
      const keyAt = scanner.offset;
      scanner.startCapture();
      scanner.string();
      const key = JSON.parse(scanner.endCapture()) as string;
      if (keys.has(key)) throw new JsonReadError(`"${key}" is given twice (again at byte ${keyAt}); give each field once`, keyAt);
      keys.add(key);
      scanner.expect(0x3a, '":"');
      if (key === 'people' && scanner.skipSpace() === 0x5b) readPeople(scanner, visitor);
      else visitor.member(key, scanner.captured(1));
      b = scanner.skipSpace();
      if (b !== 0x2c && b !== 0x7d) scanner.unexpected('"," or "}"');
      scanner.next();
      if (b === 0x7d) break;
      b = scanner.skipSpace();
    }
  if (scanner.skipSpace() >= 0) scanner.unexpected('the end of the file');
}

function readPeople(scanner: Scanner, visitor: RecordsFileVisitor): void {
  visitor.peopleArray();
  scanner.next();
  if (scanner.skipSpace() === 0x5d) {
    scanner.next();
    return;
  }
  for (let index = 0; ; index++) {
    visitor.person(scanner.captured(2), index);
    const b = scanner.skipSpace();
    if (b === 0x5d) {
      scanner.next();
      return;
    }
    if (b !== 0x2c) scanner.unexpected('"," or "]"');
    scanner.next();
  }
}

/** Reads a records file from disk, a chunk at a time. */
export function readRecordsJsonFile(path: string, visitor: RecordsFileVisitor): void {
  const fd = openSync(path, 'r');
  try {
    readRecordsJson((into) => readSync(fd, into, 0, into.length, null), visitor);
  } finally {
    closeSync(fd);
  }
}
