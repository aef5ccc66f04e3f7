// Labels as whole phrases. A label is found where its words stand whole (never inside a word), and
// where two labels overlap the longer phrase wins: "Expiration Date" is an expiry label, not the
// completion label "Date" it contains. Each label has a strength: "Date" alone is the weakest.
// Text is compared folded (no accents, any case), position for position with the line itself.

export interface Label<K extends string> {
  phrase: string;
  kind: K;
  /** 3: says exactly what the value is; 2: usually does; 1: a bare word ("Date"). */
  strength: 1 | 2 | 3;
}

export interface FoundLabel<K extends string> extends Label<K> {
  index: number;
  end: number;
}

/** Lower case without accents, the same length as the text (NFC letters fold to one character). */
export function fold(text: string): string {
  return [...text.normalize('NFC')]
    .map((c) => {
      const plain = c.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      return plain.length === c.length ? plain : c.toLowerCase().slice(0, c.length).padEnd(c.length, ' ');
    })
    .join('');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A matcher for a set of labels: every label in a text, longest phrases first, none overlapping. */
export function labelMatcher<K extends string>(labels: readonly Label<K>[]) {
  const sorted = [...labels].sort((a, b) => b.phrase.length - a.phrase.length);
  const key = (phrase: string) => fold(phrase).replace(/[\s-]+/g, ' ');
  const byPhrase = new Map(sorted.map((l) => [key(l.phrase), l]));
  // A phrase ending in a letter or digit must end a word; "course #" may be followed by the number.
  const alternatives = sorted.map(
    (l) => `${escape(fold(l.phrase)).replace(/ /g, '[\\s-]+')}${/[\p{L}\p{N}]$/u.test(l.phrase) ? '(?![\\p{L}\\p{N}])' : ''}`,
  );
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(${alternatives.join('|')})`, 'gu');
  return (text: string): FoundLabel<K>[] => {
    const folded = fold(text);
    const found: FoundLabel<K>[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(folded); m; m = re.exec(folded)) {
      const label = byPhrase.get(key(m[1] ?? ''));
      if (label) found.push({ ...label, index: m.index, end: m.index + m[0].length });
    }
    return found;
  };
}
