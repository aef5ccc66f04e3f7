import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { TeamPageQuery, TeamQuery, TeamViewRow } from '../../../preload/contract';
import { askEarly, read } from '../api';

/** A screenful is about a dozen rows: a page of 100 covers a few wheel turns with one request. */
export const TEAM_PAGE_SIZE = 100;

export type TeamOrder = Pick<TeamPageQuery, 'sort' | 'descending'>;

/** What the Team screen asks main for one page (built here only, so that an early read matches it). */
function pageQuery(query: TeamQuery, order: TeamOrder, page: number): TeamPageQuery {
  return { ...query, ...order, offset: page * TEAM_PAGE_SIZE, limit: TEAM_PAGE_SIZE };
}

/** Asks for the first page as the user opens the Team screen, before it renders (see askEarly). */
export function askFirstTeamPageEarly(query: TeamQuery, order: TeamOrder): void {
  askEarly('getTeamPage', pageQuery(query, order, 0));
}

/**
 * The team's rows in pages, fetched as the table scrolls to them. Main filters, searches and sorts a
 * chain's 15,000 rows; this only remembers which pages it has.
 */
export function useTeamRows(query: TeamQuery, order: TeamOrder) {
  const [total, setTotal] = useState<number | null>(null);
  const [countText, setCountText] = useState('');
  // The pages of one generation (one query); an older one's stay on screen until the new one's first answer.
  const [pages, setPages] = useState<{ generation: number; rows: Map<number, TeamViewRow[]> }>({ generation: 0, rows: new Map() });
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const requested = useRef(new Map<number, Promise<number | null>>());
  const generation = useRef(0);
  const key = JSON.stringify([query, order]);

  /** The page's rows, asked for once; the answer, its total of rows (null: not read). */
  const fetchPage = useCallback(
    (page: number): Promise<number | null> => {
      const asked = requested.current.get(page);
      if (asked) return asked;
      const mine = generation.current;
      const [q, o] = JSON.parse(key) as [TeamQuery, TeamOrder];
      const reading = read('getTeamPage', pageQuery(q, o, page)).then((result) => {
        if (mine !== generation.current) return null;
        if (!result.ok) {
          setError(result.error.message);
          return null;
        }
        setTotal(result.value.total);
        setCountText(result.value.countText);
        setPages((previous) => ({
          generation: mine,
          rows: new Map(previous.generation === mine ? previous.rows : []).set(page, result.value.rows),
        }));
        return result.value.total;
      });
      requested.current.set(page, reading);
      return reading;
    },
    [key],
  );

  // Before the paint, as useApi does: the first page is asked for as soon as the screen is committed.
  // The rows shown stay until the new query's first answer replaces them: a keystroke never blanks the table.
  useLayoutEffect(() => {
    generation.current += 1;
    requested.current = new Map();
    setError(null);
    void fetchPage(0);
  }, [fetchPage, reloads]);

  const rowAt = useCallback((index: number) => pages.rows.get(Math.floor(index / TEAM_PAGE_SIZE))?.[index % TEAM_PAGE_SIZE], [pages]);

  /** Makes sure the pages covering rows [first, last] are loaded. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / TEAM_PAGE_SIZE); page <= Math.floor(last / TEAM_PAGE_SIZE); page++) void fetchPage(page);
    },
    [fetchPage],
  );

  /** Every page, for a printout of the whole team. */
  const loadAll = useCallback(async () => {
    const rows = await fetchPage(0);
    const pageCount = Math.ceil((rows ?? 0) / TEAM_PAGE_SIZE);
    const rest: Promise<number | null>[] = [];
    for (let page = 1; page < pageCount; page++) rest.push(fetchPage(page));
    await Promise.all(rest);
  }, [fetchPage]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { total, countText, rowAt, ensure, loadAll, error, reload };
}
