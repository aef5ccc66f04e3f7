import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { CourseLogQuery, CourseLogRow } from '../../../preload/contract';
import { askEarly, read } from '../api';

export const PAGE_SIZE = 200;

export type CourseLogFilters = Omit<CourseLogQuery, 'personId' | 'offset' | 'limit'>;

/** What the course log asks main for one page (built here only, so that an early read matches it). */
function pageQuery(personId: string, filters: CourseLogFilters, page: number): CourseLogQuery {
  return { personId, ...filters, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
}

/** Asks for the first page as the user opens the course log, before the screen renders (see askEarly). */
export function askFirstPageEarly(personId: string, filters: CourseLogFilters): void {
  askEarly('queryCourseLog', pageQuery(personId, filters, 0));
}

/**
 * The course log in pages of 200 rows, fetched as the table scrolls to them. Main sorts, filters
 * and evaluates; this only remembers which pages it has.
 */
export function useCourseLog(personId: string | null, filters: CourseLogFilters) {
  const [total, setTotal] = useState<number | null>(null);
  const [all, setAll] = useState(0);
  const [countText, setCountText] = useState('');
  const [pages, setPages] = useState<Map<number, CourseLogRow[]>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const requested = useRef(new Map<number, Promise<number | null>>());
  const generation = useRef(0);
  const filterKey = JSON.stringify(filters);

  /** The page's rows, asked for once; the answer, its total of rows (null: not read). */
  const fetchPage = useCallback(
    (page: number): Promise<number | null> => {
      const asked = requested.current.get(page);
      if (asked) return asked;
      if (!personId) return Promise.resolve(null);
      const mine = generation.current;
      const reading = read('queryCourseLog', pageQuery(personId, JSON.parse(filterKey) as CourseLogFilters, page)).then((result) => {
        if (mine !== generation.current) return null;
        if (!result.ok) {
          setError(result.error.message);
          return null;
        }
        setTotal(result.value.total);
        setAll(result.value.all);
        setCountText(result.value.countText);
        setPages((previous) => new Map(previous).set(page, result.value.rows));
        return result.value.total;
      });
      requested.current.set(page, reading);
      return reading;
    },
    [personId, filterKey],
  );

  // Before the paint, as useApi does: the first page is asked for as soon as the screen is committed.
  useLayoutEffect(() => {
    generation.current += 1;
    requested.current = new Map();
    setPages(new Map());
    setTotal(null);
    setError(null);
    void fetchPage(0);
  }, [fetchPage, reloads]);

  const rowAt = useCallback((index: number) => pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [pages]);

  /** Makes sure the pages covering rows [first, last] are loaded. */
  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) void fetchPage(page);
    },
    [fetchPage],
  );

  /** Every page, for a printout of the whole log. */
  const loadAll = useCallback(async () => {
    const rows = await fetchPage(0);
    const pageCount = Math.ceil((rows ?? 0) / PAGE_SIZE);
    const rest: Promise<number | null>[] = [];
    for (let page = 1; page < pageCount; page++) rest.push(fetchPage(page));
    await Promise.all(rest);
  }, [fetchPage]);

  return { total, all, countText, rowAt, ensure, loadAll, error, reload: () => setReloads((n) => n + 1) };
}
