// Certificates for intake tests, drawn with the scan corpus's own layouts: one PDF per call, for the
// variant (person, course, date) given.
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { LAYOUTS, VARIANTS, writeCorpus, type Variant } from './certificates';
import { WIDE_LAYOUTS } from './corpus-wide';

const ALL = [...LAYOUTS, ...WIDE_LAYOUTS];

/** The layout whose id starts with `letter` ("A classic centred", "G Red Cross card", "P university…"). */
export function layout(letter: string) {
  const found = ALL.find((l) => l.id.startsWith(`${letter} `));
  if (!found) throw new Error(`no layout ${letter}`);
  return found;
}

export const variant = (i: number, change: Partial<Variant> = {}): Variant => {
  const base = VARIANTS[i];
  if (!base) throw new Error(`no variant ${i}`);
  return { ...base, ...change };
};

/** Writes `fileName` in `dir`: layout `letter` drawn for `v`. */
export async function certificate(dir: string, fileName: string, letter: string, v: Variant): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const [entry] = await writeCorpus(dir, [v], [layout(letter)], `tmp-${fileName.replace(/\W/g, '')}`);
  if (!entry) throw new Error('corpus');
  const path = join(dir, fileName);
  renameSync(entry.pdf, path);
  return path;
}
