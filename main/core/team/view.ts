// The Team screen's view of the report: every row's words and tones, the summary as filter buttons,
// and the training matrix (people × credential types). The renderer shows this as it is.
import { daysBetween, formatDate, type CalendarDate } from '../dates';
import { choose, figure } from '../domain/plural';
import { groupBy } from '../group-by';
import type { CprAedCard, Person } from '../domain/records';
import type { DeadlineKind, TeamMatrix, TeamView, TeamViewRow } from '../domain/team';
import type { Tone } from '../domain/views';
import { formatAmount } from '../rules/amounts';
import { statusText } from '../rules/describe';
import { cprAedWords, daysFromNow } from '../rules/present';
import { cprAedCardExpired, rankTeam, type RankedRow, type TeamEntry } from './report';

const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  'audit-due': 'Audit documents due',
  expiration: 'Expires',
  'courses-by': 'Last day for courses',
  'late-fee-from': 'Late fee from',
  'additional-fee-from': 'Additional fee from',
  'final-application': 'Last day to apply',
  'cpr-aed-expires': 'CPR/AED card expires',
};

export function deadlineLabel(kind: DeadlineKind): string {
  return DEADLINE_LABELS[kind];
}

const STATUS_WORDS: Record<string, string> = {
  'in-progress': 'In progress',
  ready: 'Requirements met',
  submitted: 'Application submitted',
  'expired-late': 'Expired (late fee)',
  'expired-additional-fee': 'Expired (late and additional fees)',
  lapsed: 'Lapsed',
};

/** Where the screen and the report show the counts, they say what the two words mean. */
export const COMPLIANT_DEFINITION =
  'The credential is current (not expired or lapsed), its CPR/AED card is current where the certifying body requires one, and no audit is overdue.';
export const REQUIREMENTS_MET_DEFINITION =
  'Ready to renew: every requirement for the next recertification is met (courses and CPR/AED), or the application is sent.';

function statusTone(row: RankedRow['row']): Tone {
  if (row.status === 'lapsed' || row.status === 'expired-late' || row.status === 'expired-additional-fee') return 'bad';
  if (cprAedCardExpired(row)) return 'bad';
  if (row.auditDue !== null) return 'warn';
  return row.compliant ? 'ok' : 'neutral';
}

/**
 * The status in a word or two. A credential still current whose required card expired says that
 * instead: it is what the manager must act on (the renewal's own status stays in statusDetail).
 */
function statusWords(row: RankedRow['row']): string {
  const words = STATUS_WORDS[row.status] ?? row.status;
  return cprAedCardExpired(row) && (row.status === 'in-progress' || row.status === 'ready' || row.status === 'submitted')
    ? 'CPR/AED card expired'
    : words;
}

function expirationTone(days: number, submitted: boolean): Tone {
  if (submitted) return 'neutral';
  if (days < 0) return 'bad';
  return days <= 30 ? 'warn' : 'neutral';
}

/** The team's CPR/AED card words for a person: as a credential sees it, or from the latest card when none does. */
function personCprAed(rows: RankedRow[], cards: readonly CprAedCard[], asOf: CalendarDate): { text: string; tone: Tone } {
  const best = rows.find((r) => r.row.cprAed.ok) ?? rows[0];
  if (best) return teamCprAedWords(best.row, best.entry.card, asOf);
  const latest = [...cards].sort((a, b) => (a.expires < b.expires ? 1 : -1))[0];
  if (!latest) return cprAedWords('missing', undefined, asOf);
  return latest.expires < asOf ? cprAedWords('expired', latest, asOf) : { text: `Expires ${formatDate(latest.expires)}`, tone: 'neutral' };
}

/** The card in a few words for a row of the team table: when it runs out matters most to a manager. */
function teamCprAedWords(row: RankedRow['row'], card: CprAedCard | undefined, asOf: CalendarDate): { text: string; tone: Tone } {
  if (row.cprAed.reason === 'ok' && card) {
    const days = daysBetween(asOf, card.expires);
    return days <= 90
      ? { text: `Expires ${daysFromNow(asOf, card.expires)}`, tone: 'warn' }
      : { text: `Current until ${formatDate(card.expires)}`, tone: 'ok' };
  }
  if (row.cprAed.reason === 'online-only-waiver') return { text: 'Online only, accepted under waiver', tone: 'warn' };
  return cprAedWords(row.cprAed.reason, card, asOf);
}

function viewRow({ row, entry, filters }: RankedRow, urgency: number, asOf: CalendarDate): TeamViewRow {
  const submitted = entry.credential.applicationSubmitted !== null;
  const cpr = teamCprAedWords(row, entry.card, asOf);
  const auditDays = row.auditDue ? daysBetween(asOf, row.auditDue) : null;
  // The row's own fields come last: V8 copies them into a fresh object quickly, but a dozen fields
  // added after a spread go one by one through a slow path (for a chain's 15,000 rows, most of
  // building the view). The compiler refuses a name given twice (TS2783), so nothing is overwritten.
  return {
    urgency,
    credentialName: `${entry.ruleSet.credential}${row.number ? ` · ${row.number}` : ''}`,
    credentialType: entry.ruleSet.credential,
    statusText: statusWords(row),
    statusDetail: `${statusText(
      entry.verdict,
      entry.ruleSet,
      submitted && !entry.credential.applicationAccepted ? entry.credential.applicationSubmitted : null,
      asOf,
    )}${cprAedCardExpired(row) && row.cprAed.expires ? ` The CPR/AED card expired on ${formatDate(row.cprAed.expires)}.` : ''}`,
    statusTone: statusTone(row),
    expirationText: `${formatDate(row.expiration)} · ${daysFromNow(asOf, row.expiration)}`,
    expirationTone: expirationTone(row.daysToExpiration, submitted),
    remainingText: row.remaining > 0 ? formatAmount(row.remaining, entry.ruleSet) : 'Nothing',
    cprAedText: cpr.text,
    cprAedTone: cpr.tone,
    auditText: row.auditDue ? `Due ${formatDate(row.auditDue)} · ${daysFromNow(asOf, row.auditDue)}` : null,
    auditTone: auditDays === null ? 'neutral' : auditDays < 0 ? 'bad' : auditDays <= 7 ? 'warn' : 'neutral',
    nextDeadlineText: row.nextDeadline ? `${deadlineLabel(row.nextDeadline.kind)} ${formatDate(row.nextDeadline.date)}` : null,
    filters,
    ...row,
  };
}

function matrix(
  ranked: RankedRow[],
  people: readonly Person[],
  cardsOf: (personId: string) => readonly CprAedCard[],
  asOf: CalendarDate,
): TeamMatrix {
  const columns = new Map<string, string>();
  for (const { entry } of ranked) columns.set(entry.ruleSet.id, entry.ruleSet.credential);
  const ordered = [...columns].sort((a, b) => a[1].localeCompare(b[1]));
  // Grouped once: a search of every row per person made a large chain's view far too slow.
  const byPerson = groupBy(ranked, (r) => r.entry.person.id);
  return {
    columns: ordered.map(([ruleSet, label]) => ({ ruleSet, label })),
    rows: people.map((person) => {
      const own = byPerson.get(person.id) ?? [];
      return {
        person: person.id,
        name: person.name,
        employeeId: person.employeeId,
        cells: ordered.map(([ruleSet]) => {
          const held = own.find((r) => r.entry.ruleSet.id === ruleSet);
          if (!held) return { text: '—', tone: 'neutral' as Tone, credential: null, needed: null };
          // Only what remains: a cell that says "Requirements met" needs no "Still needed: Nothing" under it.
          const needed = held.row.remaining > 0 ? formatAmount(held.row.remaining, held.entry.ruleSet) : null;
          return { text: statusWords(held.row), tone: statusTone(held.row), credential: held.row.credential, needed };
        }),
        cprAed: personCprAed(own, cardsOf(person.id), asOf),
      };
    }),
  };
}

export function buildTeamView(input: {
  entries: readonly TeamEntry[];
  people: readonly Person[];
  cardsOf: (personId: string) => readonly CprAedCard[];
  asOf: CalendarDate;
}): TeamView {
  const { entries, people, asOf } = input;
  const { ranked, summary, withoutCredential } = rankTeam(entries, people, asOf);
  const ruleSets = new Map(entries.map((e) => [e.ruleSet.id, e.ruleSet.credential]));
  const count = (filter: TeamView['counts'][number]['filter'], label: string, n: number, tone: Tone, definition: string | null = null) => ({
    filter,
    label,
    count: n,
    figure: figure(n),
    tone,
    definition,
  });
  const view: TeamView = {
    asOf,
    summary,
    counts: [
      count(null, choose(summary.people, 'Person', 'People'), summary.people, 'neutral'),
      count(null, choose(summary.credentials, 'Credential', 'Credentials'), summary.credentials, 'neutral'),
      count('compliant', 'Compliant', summary.compliant, 'ok', COMPLIANT_DEFINITION),
      count('requirements-met', 'Requirements met', summary.requirementsMet, 'ok', REQUIREMENTS_MET_DEFINITION),
      count('expiring-30', 'Expiring within 30 days', summary.expiringWithin['30'], 'warn'),
      count('expiring-60', 'Within 60 days', summary.expiringWithin['60'], 'neutral'),
      count('expiring-90', 'Within 90 days', summary.expiringWithin['90'], 'neutral'),
      count('expired', 'Expired', summary.expired, 'bad'),
      count('lapsed', 'Lapsed', summary.lapsed, 'bad'),
      count('cpr-aed-not-ok', 'CPR/AED not OK', summary.cprAedNotOk, 'bad'),
      count('audit-open', 'Audits open', summary.auditsOpen, 'warn'),
    ],
    definitions: [
      { term: 'Compliant', text: COMPLIANT_DEFINITION },
      { term: 'Requirements met', text: REQUIREMENTS_MET_DEFINITION },
    ],
    rows: ranked.map((r, i) => viewRow(r, i, asOf)),
    withoutCredential: withoutCredential.map((p) => {
      const cpr = personCprAed([], input.cardsOf(p.person), asOf);
      return { ...p, text: 'No credential on file', cprAedText: cpr.text, cprAedTone: cpr.tone };
    }),
    matrix: matrix(ranked, people, input.cardsOf, asOf),
    options: {
      ruleSets: [...ruleSets].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ value, label })),
      statuses: Object.entries(STATUS_WORDS).map(([value, label]) => ({ value, label })),
      filters: [],
    },
  };
  // The Status control offers every summary filter in the summary's own words, "Out of compliance" first.
  view.options.filters = [
    { value: 'out-of-compliance', label: 'Out of compliance' },
    ...view.counts.flatMap((c) => (c.filter === null ? [] : [{ value: c.filter, label: c.label }])),
  ];
  return view;
}
