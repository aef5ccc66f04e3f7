// Counted nouns in English, chosen by Intl.PluralRules rather than by `n === 1` scattered about, so
// that "1 person", "2 people" and "0 courses" read right everywhere (CLI, screens, packet).
const rules = new Intl.PluralRules('en-US');

const figures = new Intl.NumberFormat('en-US');

/** A count as English writes it: "15,414", so that a busy trainer's numbers read at a glance. */
export function figure(n: number): string {
  return figures.format(n);
}

/** "1 person", "3 people", "15,414 courses": the count and the noun form its plural category asks for. */
export function count(n: number, one: string, other: string): string {
  return `${figure(n)} ${rules.select(n) === 'one' ? one : other}`;
}

/** The noun alone, for phrases where the number stands elsewhere ("is" / "are"). */
export function choose(n: number, one: string, other: string): string {
  return rules.select(n) === 'one' ? one : other;
}

/** "a, b and c": a list as a sentence says it. */
export function listInWords(items: readonly string[]): string {
  return new Intl.ListFormat('en-US', { style: 'long', type: 'conjunction' }).format(items);
}
