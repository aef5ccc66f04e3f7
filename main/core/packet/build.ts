// Assembles the audit packet: pdfkit draws Recert's own pages and the stamps; pdf-lib (the
// @cantoo fork, which also opens PDFs that carry only an owner password) imports certificate pages
// whole, embeds photos without re-encoding, and adds attachments and bookmarks.
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { diskFullOr } from '../disk-full';
import {
  concatTransformationMatrix,
  drawObject,
  PDFDocument,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
  type PDFEmbeddedPage,
  type PDFPage,
  type PDFRef,
} from '@cantoo/pdf-lib';
import { contentBox, fit, inspectExhibit, inspectionBytes, type InspectedExhibit, type PageBox } from './exhibits';
import { inFlightByBytes } from './in-flight';
import { loadFontSet, type FontSet } from './fonts';
import { measureFrontMatter, renderFrontMatter, type FrontMatter, type FrontMatterExtent } from './front-matter';
import { isQuarterTurn, orientationMatrix } from './jpeg';
import { addOutline, type OutlineItem } from './outline';
import { renderOverlays } from './overlay';
import { temporaryPathFor } from './paths';
import type { Exhibit, PacketPlan } from './plan';
import { FileBackedStream } from './file-stream';
import { embedPngImage } from './png';
import { savePdfToFile } from './stream-save';

export interface PacketProgress {
  /** Steps done and in all: one per exhibit, plus preparing and saving. */
  done: number;
  total: number;
  message: string;
}

export interface BuildOptions {
  fontDir: string;
  onProgress?: (progress: PacketProgress) => void;
  signal?: AbortSignal;
}

export class PacketCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'PacketCancelled';
  }
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new PacketCancelled();
}

type Matrix = [number, number, number, number, number, number];

/** Draws an image XObject with a full transformation matrix (pdf-lib's drawImage cannot mirror). */
function drawXObject(page: PDFPage, ref: PDFRef, matrix: Matrix): void {
  const name = page.node.newXObject('Image', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...matrix), drawObject(name), popGraphicsState());
}

const JPEG_COLOUR_SPACES: Record<number, string> = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' };

/**
 * A JPEG as an image XObject (the dictionary pdf-lib's embedJpg writes). A photo's bytes stay in
 * its file until the packet is saved (file-stream.ts); a HEIC photo converted in memory goes in as it is.
 */
function embedJpegImage(packet: PDFDocument, jpeg: Extract<InspectedExhibit, { kind: 'jpeg' }>, path: string): PDFRef {
  const { context } = packet;
  const { width, height, components, bitsPerComponent } = jpeg.info;
  const dict = {
    Type: 'XObject',
    Subtype: 'Image',
    BitsPerComponent: bitsPerComponent,
    Width: width,
    Height: height,
    ColorSpace: JPEG_COLOUR_SPACES[components] ?? 'DeviceRGB',
    Filter: 'DCTDecode',
    // Adobe's CMYK JPEGs store the ink inverted.
    ...(components === 4 ? { Decode: [1, 0, 1, 0, 1, 0, 1, 0] } : {}),
  };
  const { bytes } = jpeg;
  if ('converted' in bytes) return context.register(context.stream(bytes.converted, dict));
  return context.register(new FileBackedStream(context.obj(dict), path, bytes.inFile));
}

/** Draws an imported page, honouring its /Rotate, scaled into the content box. */
function drawImportedPage(page: PDFPage, embedded: PDFEmbeddedPage, rotation: number, box: ReturnType<typeof contentBox>): void {
  const quarter = rotation % 180 !== 0;
  const shown = quarter ? { width: embedded.height, height: embedded.width } : { width: embedded.width, height: embedded.height };
  const target = fit(box, shown.width, shown.height);
  const s = target.scale;
  const w = embedded.width;
  const h = embedded.height;
  // Content point (x, y) → page: the same turn a viewer applies for /Rotate (clockwise).
  const matrices: Record<number, [number, number, number, number, number, number]> = {
    0: [s, 0, 0, s, target.x, target.y],
    90: [0, -s, s, 0, target.x, target.y + s * w],
    180: [-s, 0, 0, -s, target.x + s * w, target.y + s * h],
    270: [0, s, -s, 0, target.x + s * h, target.y],
  };
  const name = page.node.newXObject('Page', embedded.ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(...(matrices[rotation] ?? matrices[0] ?? [s, 0, 0, s, 0, 0])),
    drawObject(name),
    popGraphicsState(),
  );
}

function pageCount(inspected: InspectedExhibit[]): number {
  return inspected.reduce((sum, info) => sum + info.pages.length, 0);
}

/** Bytes held by the exhibits being checked at once (inspectionBytes): a few scans, one or two PNGs. */
const CHECKS_IN_FLIGHT_BYTES = 16 * 1024 * 1024;

/** Where the sections start before anything is measured. */
const FIRST_SECTIONS = { cover: 0, summary: 1, attestation: 2, manifest: 3 };

/**
 * The front matter with its page numbers. They depend on how long it is: from its measured length,
 * draw it with the numbers that follow, until drawing it changes its length no more.
 */
async function frontMatterFor(
  plan: PacketPlan,
  inspected: InspectedExhibit[],
  fonts: FontSet,
  measured: FrontMatterExtent,
): Promise<FrontMatter> {
  const exhibitPages = pageCount(inspected);
  let extent = measured;
  for (let attempt = 0; ; attempt++) {
    let next = extent.pageCount + 1;
    const exhibitStart = inspected.map((info) => {
      const start = next;
      next += info.pages.length;
      return start;
    });
    const front = await renderFrontMatter(plan, fonts, { exhibitStart, totalPages: extent.pageCount + exhibitPages }, extent.sections);
    const stable = front.pageCount === extent.pageCount && JSON.stringify(front.sections) === JSON.stringify(extent.sections);
    if (stable || attempt === 2) return front;
    extent = front;
  }
}

function manifestJson(plan: PacketPlan): string {
  return JSON.stringify(
    {
      format: 'recert-packet-manifest/1',
      generatedOn: plan.generatedOn,
      person: plan.person.name,
      credential: { name: plan.credential.shortName, number: plan.credential.number },
      exhibits: plan.exhibits.map((e) => ({
        exhibit: e.number,
        fileName: e.fileName,
        size: e.size,
        sha256: e.sha256,
        mediaType: e.mediaType,
        evidenceFor: e.label,
      })),
    },
    null,
    2,
  );
}

async function addExhibitPages(packet: PDFDocument, exhibit: Exhibit, info: InspectedExhibit, overlays: PDFEmbeddedPage[]): Promise<void> {
  const overlayFor = (i: number) => overlays[i];
  const newPage = (size: PageBox, i: number) => {
    const page = packet.addPage([size.width, size.height]);
    return {
      page,
      finish: () => {
        const overlay = overlayFor(i);
        if (overlay) page.drawPage(overlay, { x: 0, y: 0, width: size.width, height: size.height });
      },
    };
  };

  if (info.kind === 'pdf') {
    const source = info.document;
    const pages = source.getPages();
    // A page without a content stream is blank: there is nothing to import, but it keeps its place.
    const withContent = pages.filter((p) => p.node.Contents() !== undefined);
    const embedded = withContent.length > 0 ? await packet.embedPages(withContent) : [];
    pages.forEach((sourcePage, i) => {
      const size = info.pages[i];
      if (!size) return;
      const { page, finish } = newPage(size, i);
      const content = embedded[withContent.indexOf(sourcePage)];
      if (content) drawImportedPage(page, content, ((sourcePage.getRotation().angle % 360) + 360) % 360, contentBox(size));
      finish();
    });
    return;
  }

  if (info.kind === 'jpeg' || info.kind === 'png') {
    const size = info.pages[0];
    const { page, finish } = newPage(size, 0);
    const box = contentBox(size);
    if (info.kind === 'jpeg') {
      // JPEG bytes go into the PDF as they are (DCTDecode): no re-encoding, no quality loss.
      const { width, height, orientation } = info.info;
      const [w, h] = isQuarterTurn(orientation) ? [height, width] : [width, height];
      const target = fit(box, w, h);
      drawXObject(
        page,
        embedJpegImage(packet, info, exhibit.path),
        orientationMatrix(orientation, target.x, target.y, target.width, target.height),
      );
    } else {
      const { image, stamp } = info as Extract<InspectedExhibit, { kind: 'png' }>;
      const target = fit(box, image.width, image.height);
      const ref = await embedPngImage(packet, image, { path: exhibit.path, stamp });
      drawXObject(page, ref, [target.width, 0, 0, target.height, target.x, target.y]);
    }
    finish();
    return;
  }

  // A file that cannot be shown: the placeholder page (drawn in the overlay), and the file itself attached.
  const { finish } = newPage(info.pages[0], 0);
  finish();
  if (info.fileReadable) {
    await packet.attach(readFileSync(exhibit.path), exhibit.fileName, {
      mimeType: exhibit.mediaType,
      description: `Exhibit ${exhibit.number}: ${exhibit.label} (SHA-256 ${exhibit.sha256})`,
    });
  }
}

/** Assembles the packet (not yet saved); reports a step per exhibit and stops between steps when cancelled. */
async function assemblePacket(
  plan: PacketPlan,
  { fontDir, onProgress, signal }: BuildOptions,
): Promise<{ packet: PDFDocument; step: (message: string) => void }> {
  const total = plan.exhibits.length * 2 + 2;
  let done = 0;
  const step = (message: string) => {
    done += 1;
    onProgress?.({ done, total, message });
  };

  // The exhibits are checked a few at a time (bounded by the bytes they hold), and the front matter
  // is measured (it does not depend on them) while the PNGs among them inflate in zlib's thread pool.
  const checks = inFlightByBytes(plan.exhibits, inspectionBytes, CHECKS_IN_FLIGHT_BYTES, inspectExhibit);
  for (const check of checks) check.catch(() => undefined); // each is awaited below, unless cancelled first
  const fonts = loadFontSet(fontDir);
  const measured = measureFrontMatter(plan, fonts, { exhibitStart: plan.exhibits.map(() => 0), totalPages: 0 }, FIRST_SECTIONS);
  const inspected: InspectedExhibit[] = [];
  for (const [i, exhibit] of plan.exhibits.entries()) {
    checkCancelled(signal);
    inspected.push(await (checks[i] as Promise<InspectedExhibit>));
    step(`Checked exhibit ${exhibit.number} of ${plan.exhibits.length}: ${exhibit.fileName}`);
  }
  checkCancelled(signal);
  const front = await frontMatterFor(plan, inspected, fonts, measured);
  const totalPages = front.pageCount + pageCount(inspected);
  const overlayPdf = await renderOverlays(plan, fonts, inspected, front.pageCount + 1, totalPages);
  step('Drew the cover, summary, attestation and manifest');

  const packet = await PDFDocument.create({ updateMetadata: false });
  const frontDoc = await PDFDocument.load(front.pdf);
  for (const page of await packet.copyPages(frontDoc, frontDoc.getPageIndices())) packet.addPage(page);
  const overlayDoc = await PDFDocument.load(overlayPdf);
  const overlays = pageCount(inspected) > 0 ? await packet.embedPages(overlayDoc.getPages()) : [];

  const outlineExhibits: OutlineItem[] = [];
  let overlayIndex = 0;
  for (const [i, exhibit] of plan.exhibits.entries()) {
    checkCancelled(signal);
    const info = inspected[i];
    if (!info) continue;
    outlineExhibits.push({ title: `Exhibit ${exhibit.number} — ${exhibit.label}`, page: packet.getPageCount() });
    await addExhibitPages(packet, exhibit, info, overlays.slice(overlayIndex, overlayIndex + info.pages.length));
    overlayIndex += info.pages.length;
    step(`Added exhibit ${exhibit.number} of ${plan.exhibits.length}: ${exhibit.fileName}`);
  }

  await packet.attach(Buffer.from(manifestJson(plan), 'utf8'), 'manifest.json', {
    mimeType: 'application/json',
    description: 'Manifest: every exhibit file with its size and SHA-256',
  });
  addOutline(packet, [
    { title: 'Cover', page: front.sections.cover },
    { title: 'Summary of courses', page: front.sections.summary },
    { title: 'Attestation', page: front.sections.attestation },
    { title: 'Manifest of exhibit files', page: front.sections.manifest },
    ...(outlineExhibits.length > 0 ? [{ title: 'Exhibits', page: outlineExhibits[0]?.page ?? 0, children: outlineExhibits }] : []),
  ]);
  packet.setTitle(`Audit packet — ${plan.person.name} — ${plan.credential.shortName}`);
  packet.setAuthor(plan.person.name);
  packet.setSubject(`${plan.credential.name}: continuing-education records and certificates`);
  packet.setCreator('Recert');
  packet.setProducer('Recert (pdfkit, pdf-lib)');
  packet.setCreationDate(new Date(`${plan.generatedOn}T12:00:00Z`));
  packet.setModificationDate(new Date(`${plan.generatedOn}T12:00:00Z`));
  packet.catalog.set(PDFName.of('Lang'), PDFString.of('en'));
  checkCancelled(signal);
  return { packet, step };
}

/** The packet as bytes in memory (small packets, tests). */
export async function buildPacket(plan: PacketPlan, options: BuildOptions): Promise<Uint8Array> {
  const { packet, step } = await assemblePacket(plan, options);
  const bytes = await packet.save({ useObjectStreams: true });
  step('Saved the packet');
  return bytes;
}

/**
 * Builds the packet and streams it to `temporary`; the caller renames it into place. Nothing of
 * the PDF is held in memory twice.
 */
export async function writePacketTo(plan: PacketPlan, temporary: string, options: BuildOptions): Promise<void> {
  const { packet, step } = await assemblePacket(plan, options);
  await savePdfToFile(packet, temporary);
  checkCancelled(options.signal);
  step('Saved the packet');
}

/** Builds and writes the packet atomically: a cancelled or failed export leaves no file under `out`. */
export async function writePacket(plan: PacketPlan, out: string, options: BuildOptions): Promise<void> {
  const temporary = temporaryPathFor(out);
  try {
    await writePacketTo(plan, temporary, options);
    renameSync(temporary, out);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw diskFullOr(error, dirname(out));
  }
}
