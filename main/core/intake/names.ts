// Whose certificate it is, from the name printed on it. Certificates write names every way: accents
// dropped or kept ("Maria Nunez"), the surname first ("Núñez, María"), a first name as an initial
// ("D. Rivera"), a middle name the records leave out, letters after the name ("Dana Rivera, NASM-CPT").
// Names are compared as sets of words, so order never matters; the stored first name may be given as
// an initial, the surname never. Two people who fit equally well are both named and neither chosen.

export interface NameCandidate {
  id: string;
  name: string;
}

export interface NameMatch {
  /** The one person the name fits best, or null (none fits, or two fit equally well). */
  personId: string | null;
  /** 0–1: 0.95 for every word the same, less for an initial, a missing or an extra word. */
  confidence: number;
  /** Everyone who fits, best first: the message names them when no one is chosen. */
  candidates: { id: string; name: string; score: number }[];
}

/** Titles and letters after a name that are not part of it. */
const NOT_NAME = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'prof',
  'jr',
  'sr',
  'ii',
  'iii',
  'iv',
  'phd',
  'msc',
  'bsc',
  'cpt',
  'cscs',
  'cpr',
  'nasm',
  'ace',
  'acsm',
  'nsca',
  'issa',
  'cep',
  'ces',
  'pes',
  'rn',
  'mba',
]);

/** A name's words: accents folded, lower case, apostrophes closed up, hyphens and dots as spaces. */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== '' && !NOT_NAME.has(w));
}

const FULL = 0.95;
const INITIAL_PENALTY = 0.15;
const MISSING_PENALTY = 0.05;
const EXTRA_INITIAL_PENALTY = 0.05;
const EXTRA_WORD_PENALTY = 0.1;
/** Below this a name does not fit at all. */
const FITS = 0.6;
/** Two people whose fit differs by less than this are not told apart by the name. */
const TIE = 0.05;

/** How well the printed name fits one stored name, 0 when it does not. */
export function nameScore(printed: string, stored: string): number {
  const doc = nameWords(printed);
  const own = nameWords(stored);
  const [first, ...rest] = own;
  if (!first || doc.length === 0) return 0;
  if (rest.length === 0) return doc.length === 1 && doc[0] === first ? FULL : 0;
  const left = [...doc];
  const take = (i: number) => left.splice(i, 1);
  // A surname (any word after the first) must be there in full.
  let surnames = 0;
  let missing = 0;
  for (const word of rest) {
    const i = left.indexOf(word);
    if (i >= 0) {
      take(i);
      surnames += 1;
    } else {
      missing += 1;
    }
  }
  if (surnames === 0) return 0;
  let score = FULL;
  const full = left.indexOf(first);
  if (full >= 0) {
    take(full);
  } else {
    // "D. Rivera" for Dana Rivera, or a stored initial ("J. Smith") for a printed "John Smith".
    const initial = left.findIndex((w) => (w.length === 1 && first.startsWith(w)) || (first.length === 1 && w.startsWith(first)));
    if (initial < 0) return 0;
    take(initial);
    score -= INITIAL_PENALTY;
  }
  score -= missing * MISSING_PENALTY;
  for (const word of left) score -= word.length === 1 ? EXTRA_INITIAL_PENALTY : EXTRA_WORD_PENALTY;
  return score >= FITS ? Math.round(score * 100) / 100 : 0;
}

export function matchName(printed: string, people: readonly NameCandidate[]): NameMatch {
  const candidates = people
    .map((p) => ({ id: p.id, name: p.name, score: nameScore(printed, p.name) }))
    .filter((c) => c.score > 0)
    .sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  if (!best) return { personId: null, confidence: 0, candidates };
  if (second && best.score - second.score < TIE) return { personId: null, confidence: 0, candidates };
  return { personId: best.id, confidence: best.score, candidates };
}
