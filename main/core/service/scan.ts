// Reading a certificate dropped on the course or card form: what it proposes, in words, and nothing
// saved (the form is saved by the person, with the file attached).
import type { ScannedFields, ScanProgress, ScanView } from '../domain/scan';
import { CHECK_BELOW, scanSummary } from '../scan/describe';
import { invalid } from '../errors';

const FORM_KIND = { course: 'course-certificate', card: 'cpr-aed-card' } as const;

/** Tesseract's steps in words. */
const STEPS: Record<string, string> = {
  'loading tesseract core': 'Starting the reader',
  'initializing tesseract': 'Starting the reader',
  'loading language traineddata': 'Loading the English model',
  'initializing api': 'Starting the reader',
  'recognizing text': 'Recognising text',
};

export function scanService() {
  // One certificate is read at a time in a window; its progress is asked for while it is read.
  let progress: ScanProgress = { text: null };
  return {
    getScanProgress: (): ScanProgress => progress,
    scanCertificate: async ({
      fileName,
      contentBase64,
      form,
    }: {
      fileName: string;
      contentBase64: string;
      form: 'course' | 'card';
    }): Promise<ScanView> => {
      // Reading code (pdf.js, Tesseract) loads on the first certificate, not when the app starts.
      const { scanCertificate, UnreadableFile } = await import('../scan/scan');
      let result;
      try {
        result = await scanCertificate(fileName, Buffer.from(contentBase64, 'base64'), ({ status, progress: done }) => {
          progress = { text: `${STEPS[status] ?? 'Reading the photo'}… ${Math.round(done * 100)} %` };
        });
      } catch (error) {
        if (!(error instanceof UnreadableFile)) throw error;
        // Refused as bad input: the form shows why, and stays as it was for filling in by hand.
        throw invalid('contentBase64', `Could not read ${fileName}: ${error.message} Fill in the form by hand.`);
      } finally {
        progress = { text: null };
      }
      if (result.document === 'unknown') {
        return {
          result: null,
          message: `${fileName} does not look like a course certificate or a CPR/AED card: nothing was filled in. Fill in the form by hand.`,
          notes: {},
        };
      }
      if (result.document === 'transcript') {
        return {
          result: null,
          message: `${fileName} is a transcript of ${result.courses?.length ?? 0} courses: add it with "Add certificates…" to file each course. Nothing was filled in here.`,
          notes: {},
        };
      }
      if (result.document !== FORM_KIND[form]) {
        const other =
          result.document === 'cpr-aed-card' ? 'a CPR/AED card: add it under CPR/AED' : 'a course certificate: add it under Courses';
        return { result: null, message: `${fileName} looks like ${other}. Nothing was filled in here.`, notes: {} };
      }
      const notes: ScanView['notes'] = {};
      const from = result.source === 'pdf-text' ? 'From the certificate' : 'Read from the photo';
      for (const key of Object.keys(result.fields) as (keyof ScannedFields)[]) {
        const found = result.fields[key];
        if (!found) continue;
        const check = found.confidence < CHECK_BELOW;
        notes[key] = { text: `${from} (${Math.round(found.confidence * 100)} % sure)${check ? ': check it' : ''}`, check };
      }
      const checks = Object.values(notes).filter((n) => n.check).length;
      return {
        result,
        message: `Filled in from ${fileName} (${scanSummary(result)}). Check each field${checks > 0 ? ', especially the highlighted ones,' : ''} before saving; the file is attached when you save.`,
        notes,
      };
    },
  };
}
