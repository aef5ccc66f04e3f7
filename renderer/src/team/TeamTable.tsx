import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type ReactNode } from 'react';
import type { TeamSortColumn, TeamViewRow } from '../../../preload/contract';
import { usePrinting } from '../ui/printing';

const ROW_HEIGHT = 52;

/**
 * Each column shows main's words; main sorts by the value it chose for the column (days, counts, the
 * urgency rank). descendingFirst: a column of numbers shows its largest first on the first click.
 */
const columns: {
  id: Exclude<TeamSortColumn, 'urgency'>;
  header: string;
  descendingFirst: boolean;
  cell(row: TeamViewRow): ReactNode;
  title(row: TeamViewRow): string | undefined;
}[] = [
  {
    id: 'name',
    header: 'Trainer',
    descendingFirst: false,
    cell: (row) => (
      <span className="team-name" title={row.name}>
        {row.name}
        {row.employeeId && (
          <>
            {' '}
            <span className="muted employee-id">· {row.employeeId}</span>
          </>
        )}
      </span>
    ),
    title: () => undefined,
  },
  {
    id: 'credential',
    header: 'Credential',
    descendingFirst: false,
    // The type and the number each on one line: "NASM-" and "123456" on two would misread.
    cell: (row) => (
      <>
        <span className="nowrap">{row.credentialType}</span>
        {row.number && (
          <>
            {' '}
            <span className="nowrap">· {row.number}</span>
          </>
        )}
      </>
    ),
    title: (row) => row.credentialName,
  },
  {
    id: 'status',
    header: 'Status',
    descendingFirst: true,
    cell: (row) => <span className={`tone-${row.statusTone}`}>{row.statusText}</span>,
    title: (row) => row.statusDetail,
  },
  {
    id: 'expiration',
    header: 'Expires',
    descendingFirst: true,
    cell: (row) => <span className={`tone-${row.expirationTone}`}>{row.expirationText}</span>,
    title: (row) => row.expirationText,
  },
  { id: 'remaining', header: 'Still needed', descendingFirst: true, cell: (row) => row.remainingText, title: (row) => row.remainingText },
  {
    id: 'cprAed',
    header: 'CPR/AED',
    descendingFirst: true,
    cell: (row) => <span className={`tone-${row.cprAedTone}`}>{row.cprAedText}</span>,
    title: (row) => row.cprAedText,
  },
  {
    id: 'audit',
    header: 'Audit',
    descendingFirst: false,
    cell: (row) => (row.auditText ? <span className={`tone-${row.auditTone}`}>{row.auditText}</span> : '—'),
    title: (row) => row.auditText ?? 'No open audit',
  },
  {
    id: 'missing',
    header: 'Missing files',
    descendingFirst: true,
    cell: (row) => row.missingCertificates,
    title: (row) => String(row.missingCertificates),
  },
];

/** A header's click: its first direction, then the other, then back to most urgent first. */
function nextSort(
  column: (typeof columns)[number],
  sort: TeamSortColumn,
  descending: boolean,
): { sort: TeamSortColumn; descending: boolean } {
  if (sort !== column.id) return { sort: column.id, descending: column.descendingFirst };
  if (descending === column.descendingFirst) return { sort: column.id, descending: !descending };
  return { sort: 'urgency', descending: false };
}

/**
 * The team's credentials in main's order: only the rows in view are in the page, fetched a page at a
 * time as they scroll into view, so a chain of 10,000 trainers scrolls like a team of 10.
 */
export function TeamTable({
  total,
  rowAt,
  ensure,
  sort,
  descending,
  onSort,
  onOpen,
}: {
  total: number;
  rowAt(index: number): TeamViewRow | undefined;
  ensure(first: number, last: number): void;
  sort: TeamSortColumn;
  descending: boolean;
  onSort(sort: TeamSortColumn, descending: boolean): void;
  onOpen(row: TeamViewRow): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions that must not be memoized by the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows beyond the view: each row is a grid of clamped cells, and a jump of the scrollbar
    // lays out every row rendered at once (a dozen made such a jump one long task).
    overscan: 4,
  });
  // A printout holds every row, in the page's flow (so that pages break between rows).
  const printing = usePrinting();
  const shown = printing
    ? Array.from({ length: total }, (_, index) => ({ index, start: 0 }))
    : virtualizer.getVirtualItems().map((item) => ({ index: item.index, start: item.start }));
  const first = shown[0]?.index ?? 0;
  const last = shown[shown.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= first) ensure(first, last);
  }, [first, last, ensure]);

  return (
    <div className="team-table" role="table" aria-label="Team credentials, most urgent first" aria-rowcount={total + 1}>
      <div role="row" className="team-row team-head" aria-rowindex={1}>
        {columns.map((column) => {
          const active = sort === column.id;
          return (
            <div key={column.id} role="columnheader" aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}>
              <button
                type="button"
                className="sort-button"
                onClick={() => {
                  const next = nextSort(column, sort, descending);
                  onSort(next.sort, next.descending);
                }}
              >
                {column.header}
                <span aria-hidden="true">{active ? (descending ? '▼' : '▲') : ''}</span>
              </button>
            </div>
          );
        })}
      </div>
      <div ref={scroller} className="team-scroller" tabIndex={0} aria-label="Team credentials, scrollable">
        <div className="team-spacer" style={printing ? undefined : { height: virtualizer.getTotalSize() }}>
          {shown.map((item) => (
            <TeamRow key={item.index} row={rowAt(item.index)} index={item.index} start={printing ? null : item.start} onOpen={onOpen} />
          ))}
        </div>
      </div>
    </div>
  );
}

/**
 * One credential's row, or its place while its page is on the way. Memoised: a scroll step renders
 * only the rows that come into view (a row's object stays the same until its page is read again).
 */
const TeamRow = memo(function TeamRow({
  row,
  index,
  start,
  onOpen,
}: {
  row: TeamViewRow | undefined;
  index: number;
  /** Its offset in the scroller; null when printing, where every row is in the page's flow. */
  start: number | null;
  onOpen(row: TeamViewRow): void;
}) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={start === null ? 'team-row' : 'team-row team-body-row'}
      style={start === null ? undefined : { transform: `translateY(${start}px)` }}
    >
      {row ? (
        columns.map((column, i) => (
          <div key={column.id} role="cell" title={column.title(row)}>
            {i === 0 ? (
              <button type="button" className="link-button" onClick={() => onOpen(row)} title={`Open ${row.name}'s dashboard`}>
                {column.cell(row)}
              </button>
            ) : (
              column.cell(row)
            )}
          </div>
        ))
      ) : (
        // Not a cell: the row is a place held for a credential, not one yet.
        <div className="muted">Loading…</div>
      )}
    </div>
  );
});
