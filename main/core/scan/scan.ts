// Reading one certificate file: a PDF's own text when it has some, otherwise OCR of the photo (or of
// the scanned page inside a PDF). What cannot be read gives a clear reason and no fields, never a
// guess: the person fills the form by hand.
import { sniffMediaType } from '../attachments/media-type';
import type { ScanResult, ScanSource } from '../domain/scan';
import { checkImagePixels, checkPdfInflation, checkSize, readCertificateFile, UnreadableFile } from './bounds';
import { findFields } from './fields';
import { linesFromPieces, type TextPiece } from './lines';
import { ocrPieces, type OcrProgress } from './ocr';
import { pdfTextPieces, scannedPageImage } from './pdf-text';

export { UnreadableFile } from './bounds';

/** OCR of one photo takes seconds; a minute means something is wrong with the image. */
const OCR_TIME_LIMIT_MS = 60_000;

async function heicToJpeg(bytes: Uint8Array): Promise<Uint8Array> {
  const { default: convert } = await import('heic-convert');
  return new Uint8Array(await convert({ buffer: bytes, format: 'JPEG', quality: 0.92 }));
}

function withTimeLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UnreadableFile('Reading the image took too long.')), OCR_TIME_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

async function ocr(image: Uint8Array, onProgress?: (progress: OcrProgress) => void): Promise<TextPiece[]> {
  // Tesseract (and the EXIF turn) allocate every declared pixel: a 74-byte PNG can declare 10 gigapixels.
  const type = sniffMediaType(image.subarray(0, 64));
  if (!type || type === 'application/pdf') throw new UnreadableFile('The image is not a JPEG or PNG Recert can read.');
  checkImagePixels(image, type);
  try {
    return await withTimeLimit(ocrPieces(image, onProgress));
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(`The image cannot be read (${error instanceof Error ? error.message.slice(0, 120) : String(error)}).`);
  }
}

/** Reads a certificate file from disk, refusing devices, pipes and oversized files before reading. */
export async function scanCertificateFile(path: string, onProgress?: (progress: OcrProgress) => void): Promise<ScanResult> {
  return scanCertificate(path, readCertificateFile(path), onProgress);
}

/** Reads a certificate; throws UnreadableFile with the reason when it cannot. */
export async function scanCertificate(file: string, bytes: Uint8Array, onProgress?: (progress: OcrProgress) => void): Promise<ScanResult> {
  return (await readCertificate(file, bytes, onProgress)).result;
}

/**
 * A certificate's fields and its lines of text: the intake looks in the text for a stored employee ID
 * or certification number, which no field holds.
 */
export async function readCertificate(
  file: string,
  bytes: Uint8Array,
  onProgress?: (progress: OcrProgress) => void,
): Promise<{ result: ScanResult; text: string[] }> {
  checkSize(bytes);
  const type = sniffMediaType(bytes.subarray(0, 1024));
  if (!type) throw new UnreadableFile('The file is not a PDF, JPEG, PNG or HEIC photo.');
  let pieces: TextPiece[];
  let source: ScanSource = 'ocr';
  if (type === 'application/pdf') {
    checkPdfInflation(bytes);
    pieces = await pdfTextPieces(bytes);
    source = 'pdf-text';
    if (pieces.length === 0) {
      // A scan saved as PDF: its page is a photo.
      const image = await scannedPageImage(bytes).catch(() => null);
      if (!image) throw new UnreadableFile('The PDF has no text and no scanned photo Recert can read.');
      pieces = await ocr(image, onProgress);
      source = 'ocr';
    }
  } else {
    let image = bytes;
    checkImagePixels(bytes, type);
    if (type === 'image/heic' || type === 'image/heif') {
      try {
        image = await heicToJpeg(bytes);
      } catch {
        throw new UnreadableFile('The HEIC photo cannot be decoded.');
      }
    }
    pieces = await ocr(image, onProgress);
  }
  const lines = linesFromPieces(pieces);
  if (lines.length === 0) throw new UnreadableFile('No text was found in it.');
  const { document, fields, courses } = findFields(lines);
  const result: ScanResult = courses ? { file, document, source, fields, courses } : { file, document, source, fields };
  return { result, text: lines.map((l) => l.text) };
}
