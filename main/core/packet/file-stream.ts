// A PDF stream whose bytes stay in their file until the packet is saved. A packet embeds phone
// photos as they are (DCTDecode), and pdf-lib kept every photo's bytes in memory from the moment it
// was added until the whole document was written: 75 MB for 20 photos, most of the packet's peak.
// This stream knows only the file and its size; stream-save.ts reads it when it writes the object.
import { readFileSync } from 'node:fs';
import { PDFStream, type PDFDict } from '@cantoo/pdf-lib';

const STREAM_START = Buffer.from('\nstream\n', 'latin1');
const STREAM_END = Buffer.from('\nendstream', 'latin1');

export class FileBackedStream extends PDFStream {
  constructor(
    dict: PDFDict,
    private readonly path: string,
    private readonly size: number,
  ) {
    super(dict);
  }

  override clone(): FileBackedStream {
    return new FileBackedStream(this.dict.clone(), this.path, this.size);
  }

  /** The file's bytes; refused if the file no longer has the size it had when it was checked. */
  override getContents(): Uint8Array {
    const bytes = readFileSync(this.path);
    if (bytes.length !== this.size) throw new Error(`${this.path} changed while the packet was being written; export it again`);
    return bytes;
  }

  override getContentsSize(): number {
    return this.size;
  }

  override getContentsString(): string {
    return Buffer.from(this.getContents()).toString('latin1');
  }

  /**
   * The object as PDFStream writes it, in pieces: the file's bytes go to `write` as read, not copied
   * into a buffer of the whole object first (a photo of 5 MB was copied twice on its way out).
   */
  writePieces(write: (bytes: Uint8Array) => void): void {
    this.updateDict();
    const dict = new Uint8Array(this.dict.sizeInBytes());
    this.dict.copyBytesInto(dict, 0);
    write(dict);
    write(STREAM_START);
    write(this.getContents());
    write(STREAM_END);
  }

  /** As PDFStream's, but copying the contents in one call rather than byte by byte. */
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    this.updateDict();
    let at = offset + this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM_START, at);
    at += STREAM_START.length;
    buffer.set(this.getContents(), at);
    at += this.size;
    buffer.set(STREAM_END, at);
    return at + STREAM_END.length - offset;
  }
}
