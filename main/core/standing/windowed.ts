// The read model's fast evaluation of one person: only the courses inside the counting windows of
// their credentials, the petitions outside counted in SQL (their fees still count), one shared list
// when every course counts toward every credential, no titles when no rule set compares them. Each
// shortcut must give the plain evaluation's answer (evaluatePerson in ../evaluation.ts):
// test/unit/read-model.property.test.ts holds them to it.
import type { CalendarDate } from '../dates';
import type { Course, Credential, CprAedCard } from '../domain/records';
import type { CourseEntry, CourseVerdicts, VerdictSummary } from '../domain/verdict';
import { courseFacts, cardFacts, credentialFacts, evaluateStored, type StoredVerdict } from '../evaluation';
import { comparesTitles } from '../rules/courses';
import { countingWindow, evaluateCredential } from '../rules/engine';
import type { RuleSet } from '../rules/ruleset-schema';
import { courseEntry } from '../rules/verdict-format';
import type { Repositories } from '../store';
import type { standingReads } from '../store/evaluation-reads';

export type StandingReads = ReturnType<typeof standingReads>;

/**
 * One person's standing as of a date: every credential's verdict, the same as the plain evaluation's
 * except that each verdict's courses are only those read (inside the counting windows). What the
 * dashboard, the upcoming deadlines, the calendar and the course log's default view need; a trainer
 * with ten years of courses reads one cycle's.
 */
export interface Standing {
  credentials: Credential[];
  cards: CprAedCard[];
  /** Typed without `courses`, so that no screen can take the window's courses for all of them. */
  verdicts: (Omit<StoredVerdict, 'verdict'> & { verdict: VerdictSummary })[];
  /** Per credential, the engine's verdicts of the courses read: those inside the counting windows only. */
  listed: Map<string, CourseVerdicts>;
  ruleSets: Map<string, RuleSet>;
}

export function evaluateWindowed(
  store: Repositories,
  reads: StandingReads,
  ruleSets: Map<string, RuleSet>,
  personId: string,
  asOf: CalendarDate,
): Standing {
  const credentials = store.credentials.listByPerson(personId);
  const cards = store.cprAedCards.listByPerson(personId);
  // One read covering every credential's window: from the earliest start to the latest end. Courses
  // between two windows are evaluated too, which changes nothing (a wider window is still exact).
  let from: CalendarDate | null = null;
  let to: CalendarDate | null = null;
  for (const credential of credentials) {
    const ruleSet = ruleSets.get(credential.ruleSet);
    if (!ruleSet) continue;
    const window = countingWindow(ruleSet, { asOf, credential: credentialFacts(credential) });
    if (from === null || window.from < from) from = window.from;
    if (to === null || window.to > to) to = window.to;
  }
  const evidencedCards = store.attachments.cardsWithCertificates();
  const cardFactsList = cards.map((k) => cardFacts(k, evidencedCards));
  if (from === null || to === null) return { credentials, cards, verdicts: [], listed: new Map(), ruleSets };
  const withTitles = credentials.some((c) => {
    const ruleSet = ruleSets.get(c.ruleSet);
    return ruleSet !== undefined && comparesTitles(ruleSet);
  });
  const courses = reads.personCourseFactsBetween(personId, from, to, { withTitles });
  const petitions = reads.petitionsOutside(personId, from, to);
  const verdicts = credentials.flatMap((credential) =>
    evaluateStored(ruleSets, credential, courses, cardFactsList, asOf, petitions.get(credential.id) ?? 0),
  );
  return { credentials, cards, verdicts, listed: new Map(verdicts.map((v) => [v.credential.id, v.verdict.courses])), ruleSets };
}

/** Where each listed course's verdict sits, by course id, made once per standing (the course log asks page after page). */
const listedById = new WeakMap<Standing, Map<string, Map<string, number>>>();
function listedIndex(standing: Standing, credentialId: string): Map<string, number> {
  let byCredential = listedById.get(standing);
  if (!byCredential) listedById.set(standing, (byCredential = new Map()));
  let index = byCredential.get(credentialId);
  if (!index) {
    index = new Map((standing.listed.get(credentialId)?.ids ?? []).map((id, i) => [id, i]));
    byCredential.set(credentialId, index);
  }
  return index;
}

/**
 * The engine's entry for each of these courses under each credential it counts toward, by credential
 * then course: from the standing for the courses it read, and for the others (outside every counting
 * window, so their reasons follow from their dates) from evaluating them on their own. What one page
 * of the course log shows, without reading the person's other courses.
 */
export function courseVerdicts(
  standing: Standing,
  courses: readonly Course[],
  certificates: ReadonlyMap<string, number>,
  asOf: CalendarDate,
): Map<string, Map<string, CourseEntry>> {
  const result = new Map<string, Map<string, CourseEntry>>();
  for (const { credential } of standing.verdicts) {
    const linked = courses.filter((c) => c.credentialIds.includes(credential.id));
    const listed = standing.listed.get(credential.id);
    const read = listedIndex(standing, credential.id);
    const entries = new Map<string, CourseEntry>();
    const outside = linked.filter((c) => {
      const at = read.get(c.id);
      if (listed && at !== undefined) entries.set(c.id, courseEntry(listed, at));
      return at === undefined;
    });
    const ruleSet = standing.ruleSets.get(credential.ruleSet);
    if (ruleSet && outside.length > 0) {
      const alone = evaluateCredential(ruleSet, {
        asOf,
        credential: credentialFacts(credential),
        courses: outside.map((c) => courseFacts(c, certificates)),
        cards: [],
      });
      alone.courses.ids.forEach((id, i) => entries.set(id, courseEntry(alone.courses, i)));
    }
    result.set(credential.id, entries);
  }
  return result;
}
