// A PDF stream whose bytes stay in their file until the packet is saved. A packet embeds phone
// photos as they are (DCTDecode), a scan's page images as the scanner wrote them and a PNG's
// compressed data as it is; pdf-lib kept every such stream in memory from the moment it was added
// until the whole document was written, most of the packet's peak memory. This stream
// knows only the file, the pieces of it that make its contents, and the file's size and time of
// change when it was checked; stream-save.ts reads it when it writes the object.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { PDFStream, type PDFContext, type PDFDict } from '@cantoo/pdf-lib';

const STREAM_START = Buffer.from('\nstream\n', 'latin1');
const STREAM_END = Buffer.from('\nendstream', 'latin1');
/**
 * The one buffer every such stream is read through, a piece at a time (reading is synchronous): a
 * 16 MB photo never sits in memory whole, and no buffer per stream is left for the collector.
 */
const READ_BUFFER = Buffer.allocUnsafe(1024 * 1024);

/** A file as it was when the packet checked it: a change before the packet is saved is refused. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** A run of bytes within the file. */
export interface FilePiece {
  offset: number;
  length: number;
}

export function stampOf(path: string): FileStamp {
  const { size, mtimeMs } = statSync(path);
  return { size, mtimeMs };
}

export class FileBackedStream extends PDFStream {
  private readonly size: number;

  /** `pieces`, in order, make the contents; the whole file when none are given. */
  constructor(
    dict: PDFDict,
    private readonly path: string,
    private readonly stamp: FileStamp,
    private readonly pieces: readonly FilePiece[] = [{ offset: 0, length: stamp.size }],
  ) {
    super(dict);
    this.size = pieces.reduce((sum, piece) => sum + piece.length, 0);
  }

  override clone(context?: PDFContext): FileBackedStream {
    return new FileBackedStream(this.dict.clone(context), this.path, this.stamp, this.pieces);
  }

  /**
   * Hands the contents to `write` a piece at a time, in a buffer that is reused (so `write` must
   * copy what it keeps); refused if the file no longer has the size and time it had when checked.
   */
  writeContents(write: (bytes: Uint8Array) => void): void {
    const fd = openSync(this.path, 'r');
    try {
      const { size, mtimeMs } = fstatSync(fd);
      if (size !== this.stamp.size || mtimeMs !== this.stamp.mtimeMs) {
        throw new Error(`${this.path} changed while the packet was being written; export it again`);
      }
      const buffer = READ_BUFFER;
      for (const piece of this.pieces) {
        for (let done = 0; done < piece.length;) {
          const read = readSync(fd, buffer, 0, Math.min(buffer.length, piece.length - done), piece.offset + done);
          if (read === 0) throw new Error(`${this.path} ends sooner than it did when the packet checked it; export it again`);
          write(buffer.subarray(0, read));
          done += read;
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The contents in one buffer (pdf-lib's own save, small packets and tests). */
  override getContents(): Uint8Array {
    const contents = new Uint8Array(this.size);
    let at = 0;
    this.writeContents((bytes) => {
      contents.set(bytes, at);
      at += bytes.length;
    });
    return contents;
  }

  override getContentsSize(): number {
    return this.size;
  }

  override getContentsString(): string {
    return Buffer.from(this.getContents()).toString('latin1');
  }

  /** As PDFStream's, but copying the contents in one call rather than byte by byte. */
  override copyBytesInto(buffer: Uint8Array, offset: number): number {
    this.updateDict();
    let at = offset + this.dict.copyBytesInto(buffer, offset);
    buffer.set(STREAM_START, at);
    at += STREAM_START.length;
    this.writeContents((bytes) => {
      buffer.set(bytes, at);
      at += bytes.length;
    });
    buffer.set(STREAM_END, at);
    return at + STREAM_END.length - offset;
  }
}
