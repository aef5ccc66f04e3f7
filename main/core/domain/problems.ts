import { count } from './plural';

/** How many problems a message names: a file with 100,000 bad rows gets the first ones and a count, not 10 MB of lines. */
export const SHOWN_PROBLEMS = 50;

/** The first problems, one a line, then how many more there are. */
export function problemLines(problems: readonly string[], shown = SHOWN_PROBLEMS): string {
  const lines = problems.slice(0, shown);
  if (problems.length > shown) lines.push(`…and ${count(problems.length - shown, 'more problem', 'more problems')} like these.`);
  return lines.join('\n');
}
