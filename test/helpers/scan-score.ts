// Scoring a scan against what the certificate states: a stated field read right counts; a stated
// field missed or read wrong, and a field proposed that the certificate does not state, count against.
import type { ScanResult, ScannedFields } from '../../main/core/domain/scan';
import type { Expected } from './certificates';

const KEYS: (keyof ScannedFields & keyof Expected)[] = [
  'name',
  'title',
  'provider',
  'completed',
  'ceus',
  'contactHours',
  'approvalCode',
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
  for (const key of KEYS) {
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
  return out;
}
