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
  approval: 'Approval',
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
        : result.document === 'transcript'
          ? `a transcript of ${result.courses?.length ?? 0} courses`
          : 'not a certificate Recert recognises';
  const how = result.source === 'pdf-text' ? "read from the PDF's text" : 'read from the image (OCR)';
  return `${kind}, ${how}`;
}

const APPROVALS: Record<string, string> = {
  nasm: 'a NASM course',
  'approved-provider': 'an approved provider’s course',
  petition: 'to be petitioned',
};

/** Each field found, one line each, indented by `indent`. */
export function describeFields(fields: ScannedFields, indent = '  '): string[] {
  const lines: string[] = [];
  for (const key of Object.keys(LABELS) as (keyof ScannedFields)[]) {
    const found = fields[key];
    if (!found) continue;
    const value =
      typeof found.value === 'boolean'
        ? found.value
          ? 'yes'
          : 'no'
        : key === 'completed' || key === 'expires'
          ? formatDate(String(found.value))
          : key === 'approval'
            ? (APPROVALS[String(found.value)] ?? String(found.value))
            : String(found.value);
    lines.push(
      `${indent}${LABELS[key]}: ${value} (${Math.round(found.confidence * 100)}% sure${found.confidence < CHECK_BELOW ? ', check it' : ''})`,
    );
  }
  return lines;
}

export function describeScan(result: ScanResult): string[] {
  const lines = [`${result.file}: ${scanSummary(result)}`, ...describeFields(result.fields)];
  for (const [i, course] of (result.courses ?? []).entries()) {
    lines.push(
      `  Course ${i + 1}:`,
      ...describeFields(
        { ...course, name: null, provider: course.provider?.value === result.fields.provider?.value ? null : course.provider },
        '    ',
      ),
    );
  }
  if (lines.length === 1) lines.push('  Nothing to fill in: enter the course or card by hand.');
  return lines;
}
