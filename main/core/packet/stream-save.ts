// Saves a pdf-lib document straight to a file, object by object. pdf-lib's own save() builds the
// whole PDF in one buffer — for a packet of phone photos that doubles peak memory. This follows
// PDFWriter.serializeToBuffer of @cantoo/pdf-lib (pinned in package.json) byte for byte, writing
// through a small staging buffer instead; qpdf/pdfinfo tests check the result.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { writeAll } from '../atomic-write';
import { PDFObjectStream, PDFStream, PDFStreamWriter, type PDFDocument, type PDFObject, type PDFRef } from '@cantoo/pdf-lib';
import { FileBackedStream } from './file-stream';

interface Serializable {
  sizeInBytes(): number;
  copyBytesInto(buffer: Uint8Array, offset: number): number;
}

interface WriterInternals {
  computeBufferSize(incremental: boolean): Promise<{
    header: Serializable;
    indirectObjects: [PDFRef, PDFObject][];
    xref?: Serializable;
    trailerDict?: Serializable;
    trailer: Serializable;
  }>;
  shouldSave(incremental: boolean, objectNumber: number, objects: [PDFRef, PDFObject][]): boolean;
  shouldSkipCopiedObjectStream(object: PDFObject): boolean;
}

const STAGING = 4 * 1024 * 1024;
const STREAM_START = Buffer.from('\nstream\n', 'latin1');
const STREAM_END = Buffer.from('\nendstream', 'latin1');

class FileSink {
  private readonly buffer = new Uint8Array(STAGING);
  private used = 0;
  constructor(private readonly fd: number) {}

  private flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  bytes(data: Uint8Array): void {
    if (this.used + data.length > STAGING) this.flush();
    if (data.length > STAGING) {
      writeAll(this.fd, data);
      return;
    }
    this.buffer.set(data, this.used);
    this.used += data.length;
  }

  text(value: string): void {
    this.bytes(Buffer.from(value, 'latin1'));
  }

  object(value: Serializable): void {
    if (value instanceof PDFStream) {
      this.stream(value);
      return;
    }
    const size = value.sizeInBytes();
    if (size > STAGING) {
      const own = new Uint8Array(size);
      value.copyBytesInto(own, 0);
      this.bytes(own);
      return;
    }
    if (this.used + size > STAGING) this.flush();
    value.copyBytesInto(this.buffer, this.used);
    this.used += size;
  }

  /**
   * A stream object as PDFStream.copyBytesInto writes it, in pieces: its contents are not copied
   * into a buffer of the whole object first (PDFStream copies them byte by byte), and a
   * FileBackedStream's go from its file to the staging buffer a piece at a time.
   */
  private stream(stream: PDFStream): void {
    stream.updateDict();
    const dict = new Uint8Array(stream.dict.sizeInBytes());
    stream.dict.copyBytesInto(dict, 0);
    this.bytes(dict);
    this.bytes(STREAM_START);
    if (stream instanceof FileBackedStream) stream.writeContents((bytes) => this.bytes(bytes));
    else this.bytes(stream.getContents());
    this.bytes(STREAM_END);
  }

  close(): void {
    this.flush();
  }
}

export async function savePdfToFile(doc: PDFDocument, path: string): Promise<void> {
  await (doc as unknown as { prepareForSave(options: object): Promise<void> }).prepareForSave({
    addDefaultPage: false,
    updateFieldAppearances: false,
  });
  const writer = PDFStreamWriter.forContext(doc.context, 50) as unknown as WriterInternals;
  const { header, indirectObjects, xref, trailerDict, trailer } = await writer.computeBufferSize(false);
  const fd = openSync(path, 'wx');
  try {
    const sink = new FileSink(fd);
    sink.object(header);
    sink.text('\n\n');
    for (const [ref, object] of indirectObjects) {
      if (!writer.shouldSave(false, ref.objectNumber, indirectObjects)) continue;
      if (writer.shouldSkipCopiedObjectStream(object)) continue;
      sink.text(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
      sink.object(object);
      sink.text('\nendobj\n\n');
      if (object instanceof PDFObjectStream) await new Promise((resolve) => setImmediate(resolve));
    }
    if (xref) {
      sink.object(xref);
      sink.text('\n');
    }
    if (trailerDict) {
      sink.object(trailerDict);
      sink.text('\n\n');
    }
    sink.object(trailer);
    sink.close();
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
