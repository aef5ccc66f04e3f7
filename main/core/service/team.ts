import { formatDate } from '../dates';
import type { AsOf } from '../domain/inputs';
import type { UpcomingItem } from '../domain/reminders';
import type { TeamMatrix, TeamOverview, TeamPage, TeamPageQuery, TeamQuery, TeamReport, TeamView, TeamViewRow } from '../domain/team';
import type { FileDelivery, RosterPreview } from '../domain/views';
import { CsvError } from '../csv/table';
import { invalid } from '../errors';
import { groupBy } from '../group-by';
import { newId } from '../ids';
import { teamReportCsv } from '../team/csv';
import { buildTeamReport } from '../team/report';
import { planRoster, rosterPreview, type RosterPlan } from '../team/roster';
import { isNarrowed, matchesQuery, searchIndex, selectTeamMatrix, sortTeamRows, teamPage, type SearchIndex } from '../team/page';
import { buildTeamView } from '../team/view';
import type { ServiceContext } from './context';
import { deliverFile } from './deliver';
import { evaluatedEntries } from './everyone';
import { writes } from './writes';

/**
 * The team's slice. `upcoming` is everyone's deadlines within a number of days (the reminders'), which
 * the Team screen's Upcoming tab narrows to the credentials its filters select.
 */
export function teamService(ctx: ServiceContext, upcoming: (days: number) => UpcomingItem[]) {
  const { store } = ctx;

  const teamEntries = (asOf: string) => evaluatedEntries(ctx, asOf);

  // Evaluating a chain of 1,000 trainers takes a noticeable moment: the view is kept until
  // the data changes (any writer, see dataVersion) or the day does, so returning to the screen is quick.
  // With it, what the screen's pages share: the folded names searched, each sort order asked for, and
  // the last selection (the pages of one scroll ask for the same one).
  interface Cached {
    key: string;
    view: TeamView;
    search: SearchIndex | null;
    orders: Map<string, TeamViewRow[]>;
    selection: { key: string; rows: TeamViewRow[] } | null;
  }
  let cached: Cached | null = null;
  function teamCache(asOf: string): Cached {
    const key = `${asOf}|${ctx.dataVersion()}`;
    if (cached?.key === key) return cached;
    const { entries, people, cards } = teamEntries(asOf);
    const cardsByPerson = groupBy(cards, (k) => k.personId);
    const view = buildTeamView({ entries, people, cardsOf: (id) => cardsByPerson.get(id) ?? [], asOf });
    cached = { key, view, search: null, orders: new Map(), selection: null };
    return cached;
  }
  const teamView = (asOf: string): TeamView => teamCache(asOf).view;

  /** The rows the query selects, in the order asked for. */
  function selectRows(
    asOf: string,
    query: TeamQuery & Pick<TeamPageQuery, 'sort' | 'descending'>,
  ): { view: TeamView; rows: TeamViewRow[] } {
    const c = teamCache(asOf);
    const sort = query.sort ?? 'urgency';
    const descending = query.descending ?? false;
    const key = JSON.stringify([
      query.filter,
      query.ruleSet,
      query.status,
      query.cprAed,
      query.audit,
      query.search?.trim(),
      sort,
      descending,
    ]);
    if (c.selection?.key === key) return { view: c.view, rows: c.selection.rows };
    const orderKey = `${sort}|${descending}`;
    let order = c.orders.get(orderKey);
    if (!order) {
      order = sortTeamRows(c.view.rows, sort, descending);
      c.orders.set(orderKey, order);
    }
    let rows = order;
    if (isNarrowed(query)) {
      const search = (c.search ??= searchIndex(c.view.rows));
      rows = order.filter((row) => matchesQuery(row, query, search.get(row) ?? ''));
    }
    c.selection = { key, rows };
    return { view: c.view, rows };
  }

  function writeRoster(planned: RosterPlan): void {
    const created = new Map<string, string>();
    for (const row of planned.rows) {
      let personId = row.existingPersonId ?? created.get(row.personKey);
      if (!personId) {
        personId = newId('p');
        store.people.insert({ id: personId, name: row.name, email: row.email, employeeId: row.employeeId, active: true });
        created.set(row.personKey, personId);
      }
      const effect = row.credential?.effect;
      if (row.credential && effect?.kind === 'add') {
        store.credentials.insert({
          id: newId('c'),
          personId,
          ruleSet: row.credential.ruleSet,
          number: row.credential.number,
          expires: row.credential.expires,
          cycleStart: null,
          certified: null,
          applicationSubmitted: null,
          applicationAccepted: null,
          auditNoticeReceived: null,
          documentsSent: null,
        });
      } else if (effect?.kind === 'update') {
        const { from } = effect;
        const rolling = ctx.ruleSets.find((r) => r.id === from.ruleSet)?.cycle.kind === 'from-expiration';
        store.credentials.update({
          ...from,
          expires: effect.expires,
          number: effect.number,
          // A rolling cycle's recorded start belonged to the old expiration; a fixed cycle's is the certification date.
          cycleStart: rolling && effect.expires !== from.expires ? null : from.cycleStart,
          applicationSubmitted: effect.clearsApplication ? null : from.applicationSubmitted,
          applicationAccepted: effect.clearsApplication ? null : from.applicationAccepted,
        });
      }
      if (row.card && !row.card.alreadyRecorded) {
        const { provider, completed, expires, handsOn } = row.card;
        // A roster's card is a CPR/AED card: adult CPR and AED, as its columns are named.
        store.cprAedCards.insert({ id: newId('k'), personId, provider, completed, expires, adultCpr: true, aed: true, handsOn });
      }
    }
  }

  function plan(csvText: string): RosterPlan {
    try {
      return planRoster(csvText, ctx.ruleSets, {
        people: store.people.list(true),
        credentialsOf: (personId) => store.credentials.listByPerson(personId),
        cardsOf: (personId) => store.cprAedCards.listByPerson(personId),
      });
    } catch (error) {
      if (error instanceof CsvError) throw invalid('csvText', error.message);
      throw error;
    }
  }

  return {
    getTeamView: ({ asOf }: AsOf): TeamView => teamView(asOf ?? ctx.today()),
    /** The Team screen's summary, filters' choices and people without a credential: all but its rows and matrix. */
    getTeamOverview: ({ asOf }: AsOf): TeamOverview => {
      const { rows: _rows, matrix: _matrix, ...overview } = teamView(asOf ?? ctx.today());
      return overview;
    },
    /** One page of the Team screen's rows, filtered, searched and sorted here. */
    getTeamPage: ({ asOf, ...query }: TeamPageQuery & AsOf): TeamPage => {
      const { view, rows } = selectRows(asOf ?? ctx.today(), query);
      return teamPage(view, rows, query);
    },
    /** The training matrix of the credentials the query selects. */
    getTeamMatrix: ({ asOf, ...query }: TeamQuery & AsOf): TeamMatrix => {
      const { view, rows } = selectRows(asOf ?? ctx.today(), query);
      return selectTeamMatrix(view.matrix, rows, query);
    },
    /** Everyone's deadlines within `days`, of the credentials the query selects (a card's, the credential's relying on it). */
    getTeamUpcoming: ({ days, ...query }: TeamQuery & { days: number }): UpcomingItem[] => {
      const items = upcoming(days);
      if (!isNarrowed(query)) return items;
      const credentials = new Set(selectRows(ctx.today(), query).rows.map((r) => r.credential));
      return items.filter((item) => credentials.has(item.credentialId));
    },
    /** The report exactly as `recert team --json` prints it. */
    getTeamReport: ({ asOf }: AsOf): TeamReport => {
      const date = asOf ?? ctx.today();
      const { entries, people } = teamEntries(date);
      return buildTeamReport(entries, people, date);
    },
    exportTeamReport: async ({ format, asOf }: { format: 'csv' | 'pdf' } & AsOf): Promise<FileDelivery | null> => {
      const date = asOf ?? ctx.today();
      const fileName = `Team certification report - ${formatDate(date)}.${format}`;
      if (format === 'csv') {
        const csv = teamReportCsv(teamView(date));
        return deliverFile(ctx, { fileName, mediaType: 'text/csv; charset=utf-8', bytes: Buffer.from(csv, 'utf8') });
      }
      // The PDF code (pdfkit, fonts) loads when a report is first asked for, not when the app starts.
      const [{ teamReportPdf }, { loadFontSet }] = await Promise.all([import('../team/pdf'), import('../packet/fonts')]);
      const pdf = await teamReportPdf(teamView(date), loadFontSet(ctx.fontDir));
      return deliverFile(ctx, { fileName, mediaType: 'application/pdf', bytes: pdf });
    },
    previewRoster: ({ csvText }: { csvText: string }): RosterPreview => rosterPreview(plan(csvText)),
    /**
     * All rows or none, unless asked to skip the rows with problems: then every other row, in one
     * transaction. Nothing stored is removed; a renewal updates the credential it names in place.
     */
    importRoster: writes(({ csvText, skipBadRows }: { csvText: string; skipBadRows?: boolean }): RosterPreview => {
      const planned = plan(csvText);
      const preview = rosterPreview(planned);
      if (planned.problems.length > 0 && (!skipBadRows || planned.rows.length === 0)) {
        const how = planned.rows.length > 0 ? ', or import the other rows and skip these' : '';
        throw invalid('csvText', `The roster was not imported; fix these and try again${how}:\n${planned.problems.join('\n')}`);
      }
      ctx.write(() => writeRoster(planned));
      return preview;
    }),
  };
}
