// A scan in words, for `recert scan` and the app's message.
import type { ScanResult, ScannedFields } from '../domain/scan';
import { formatDate } from '../dates';

export const CHECK_BELOW = 0.75;

const LABELS: Record<keyof ScannedFields, string> = {
  name: 'Name',
  title: 'Course',
  provider: 'Provider',
  completed: 'Completed',
  ceus: 'CEUs',
  contactHours: 'Contact hours',
  approvalCode: 'Course code',
  expires: 'Expires',
  adultCpr: 'Adult CPR',
  aed: 'AED',
  handsOn: 'Hands-on skills session',
};

export function scanSummary(result: ScanResult): string {
  const kind =
    result.document === 'course-certificate'
      ? 'a course certificate'
      : result.document === 'cpr-aed-card'
        ? 'a CPR/AED card'
        : 'not a certificate Recert recognises';
  const how = result.source === 'pdf-text' ? "read from the PDF's text" : 'read from the image (OCR)';
  return `${kind}, ${how}`;
}

export function describeScan(result: ScanResult): string[] {
  const lines = [`${result.file}: ${scanSummary(result)}`];
  for (const key of Object.keys(LABELS) as (keyof ScannedFields)[]) {
    const found = result.fields[key];
    if (!found) continue;
    const value =
      typeof found.value === 'boolean'
        ? found.value
          ? 'yes'
          : 'no'
        : key === 'completed' || key === 'expires'
          ? formatDate(String(found.value))
          : String(found.value);
    lines.push(
      `  ${LABELS[key]}: ${value} (${Math.round(found.confidence * 100)}% sure${found.confidence < CHECK_BELOW ? ', check it' : ''})`,
    );
  }
  if (lines.length === 1) lines.push('  Nothing to fill in: enter the course or card by hand.');
  return lines;
}
