// Scoring a scan against what the certificate states: a stated field read right counts; a stated
// field missed or read wrong, and a field proposed that the certificate does not state, count against.
import type { ScanResult, ScannedFields } from '../../main/core/domain/scan';
import type { Expected, ExpectedCourse } from './certificates';

const COURSE_KEYS: (keyof ScannedFields & keyof ExpectedCourse)[] = [
  'title',
  'completed',
  'ceus',
  'contactHours',
  'approvalCode',
  'provider',
];

const KEYS: (keyof ScannedFields & keyof Expected)[] = [
  'name',
  'title',
  'provider',
  'completed',
  'ceus',
  'contactHours',
  'approvalCode',
  'approval',
  'expires',
  'adultCpr',
  'aed',
  'handsOn',
];

export interface Score {
  right: number;
  total: number;
  wrong: string[];
}

function same(found: unknown, wanted: unknown): boolean {
  if (typeof wanted === 'string' && typeof found === 'string')
    return found.replace(/\s+/g, ' ').trim().toLowerCase() === wanted.toLowerCase();
  return found === wanted;
}

export function score(result: ScanResult, expected: Expected): Score {
  const out: Score = {
    right: result.document === expected.document ? 1 : 0,
    total: 1,
    wrong: result.document === expected.document ? [] : [`document: ${result.document}`],
  };
  const transcript = expected.document === 'transcript' || result.document === 'transcript';
  for (const key of KEYS) {
    // A transcript's courses are scored one by one below; its common fields are the name and provider.
    if (transcript && key !== 'name' && key !== 'provider') continue;
    const wanted = expected[key];
    const found = result.fields[key]?.value;
    if (wanted === undefined) {
      if (found !== undefined) {
        out.total += 1;
        out.wrong.push(`${key}: proposed ${JSON.stringify(found)} but the certificate does not state it`);
      }
      continue;
    }
    out.total += 1;
    if (same(found, wanted)) out.right += 1;
    else out.wrong.push(`${key}: ${JSON.stringify(found)} instead of ${JSON.stringify(wanted)}`);
  }
  if (transcript) {
    const courses = result.courses ?? [];
    const wantedCourses = expected.courses ?? [];
    for (let i = 0; i < Math.max(courses.length, wantedCourses.length); i++) {
      const wanted = wantedCourses[i];
      const found = courses[i];
      for (const key of COURSE_KEYS) {
        const want = wanted?.[key] ?? (key === 'provider' ? undefined : undefined);
        const got = found?.[key]?.value;
        // The provider of a transcript's course is the transcript's unless the row names another.
        if (key === 'provider' && want === undefined) continue;
        if (want === undefined) {
          if (got !== undefined) {
            out.total += 1;
            out.wrong.push(`course ${i + 1} ${key}: proposed ${JSON.stringify(got)} but the transcript does not state it`);
          }
          continue;
        }
        out.total += 1;
        if (same(got, want)) out.right += 1;
        else out.wrong.push(`course ${i + 1} ${key}: ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
      }
    }
  }
  return out;
}

/** Fields right of all scored, over several scans. */
export function total(scores: readonly Score[]): { right: number; all: number; accuracy: number } {
  const right = scores.reduce((n, s) => n + s.right, 0);
  const all = scores.reduce((n, s) => n + s.total, 0);
  return { right, all, accuracy: all === 0 ? 0 : right / all };
}
