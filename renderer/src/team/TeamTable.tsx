import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useMemo, useRef } from 'react';
import type { TeamViewRow } from '../../../preload/contract';
import { usePrinting } from '../ui/printing';

const ROW_HEIGHT = 52;

/** Each column sorts by the value main gave it (days, counts, the urgency rank), and shows its words. */
const columns: ColumnDef<TeamViewRow>[] = [
  {
    id: 'name',
    header: 'Trainer',
    accessorFn: (r) => r.name,
    cell: ({ row }) => (
      <span className="team-name" title={row.original.name}>
        {row.original.name}
        {row.original.employeeId && (
          <>
            {' '}
            <span className="muted employee-id">· {row.original.employeeId}</span>
          </>
        )}
      </span>
    ),
  },
  {
    id: 'credential',
    header: 'Credential',
    accessorFn: (r) => r.credentialName,
    // The type and the number each on one line: "NASM-" and "123456" on two would misread.
    cell: ({ row }) => (
      <>
        <span className="nowrap">{row.original.credentialType}</span>
        {row.original.number && (
          <>
            {' '}
            <span className="nowrap">· {row.original.number}</span>
          </>
        )}
      </>
    ),
  },
  {
    id: 'status',
    header: 'Status',
    accessorFn: (r) => r.urgency,
    cell: ({ row }) => <span className={`tone-${row.original.statusTone}`}>{row.original.statusText}</span>,
  },
  {
    id: 'expiration',
    header: 'Expires',
    accessorFn: (r) => r.daysToExpiration,
    cell: ({ row }) => <span className={`tone-${row.original.expirationTone}`}>{row.original.expirationText}</span>,
  },
  { id: 'remaining', header: 'Still needed', accessorFn: (r) => r.remaining, cell: ({ row }) => row.original.remainingText },
  {
    id: 'cprAed',
    header: 'CPR/AED',
    accessorFn: (r) => (r.cprAed.ok ? 1 : 0),
    cell: ({ row }) => <span className={`tone-${row.original.cprAedTone}`}>{row.original.cprAedText}</span>,
  },
  {
    id: 'audit',
    header: 'Audit',
    accessorFn: (r) => r.auditDue ?? '9999-12-31',
    cell: ({ row }) => (row.original.auditText ? <span className={`tone-${row.original.auditTone}`}>{row.original.auditText}</span> : '—'),
  },
  { id: 'missing', header: 'Missing files', accessorFn: (r) => r.missingCertificates, cell: ({ row }) => row.original.missingCertificates },
];

export const TEAM_SORT_COLUMNS = ['urgency', ...columns.map((c) => c.id as string)];

/** The team's credentials: sortable by any column, virtualized so a chain of 1,000 trainers scrolls smoothly. */
export function TeamTable({
  rows,
  sort,
  descending,
  onSort,
  onOpen,
}: {
  rows: TeamViewRow[];
  sort: string;
  descending: boolean;
  onSort(column: string, descending: boolean): void;
  onOpen(row: TeamViewRow): void;
}) {
  const sorting: SortingState = useMemo(() => (sort === 'urgency' ? [] : [{ id: sort, desc: descending }]), [sort, descending]);
  // TanStack Table returns functions that must not be memoized by the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      onSort(first ? first.id : 'urgency', first?.desc ?? false);
    },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  const sorted = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  // A printout holds every row, in the page's flow (so that pages break between rows).
  const printing = usePrinting();
  const shown = printing
    ? sorted.map((_, index) => ({ index, start: 0 }))
    : virtualizer.getVirtualItems().map((item) => ({ index: item.index, start: item.start }));

  return (
    <div className="team-table" role="table" aria-label="Team credentials, most urgent first" aria-rowcount={sorted.length + 1}>
      {table.getHeaderGroups().map((group) => (
        <div key={group.id} role="row" className="team-row team-head" aria-rowindex={1}>
          {group.headers.map((header) => {
            const direction = header.column.getIsSorted();
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
              >
                <button type="button" className="sort-button" onClick={header.column.getToggleSortingHandler()}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                  <span aria-hidden="true">{direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : ''}</span>
                </button>
              </div>
            );
          })}
        </div>
      ))}
      <div ref={scroller} className="team-scroller" tabIndex={0} aria-label="Team credentials, scrollable">
        <div className="team-spacer" style={printing ? undefined : { height: virtualizer.getTotalSize() }}>
          {shown.map((item) => {
            const row = sorted[item.index];
            return row ? <TeamRow key={row.id} row={row} index={item.index} start={printing ? null : item.start} onOpen={onOpen} /> : null;
          })}
        </div>
      </div>
    </div>
  );
}

/**
 * One credential's row. Memoised: a scroll step renders only the rows that come into view, not the
 * ones already shown (a row's TanStack object stays the same until the team's rows change).
 */
const TeamRow = memo(function TeamRow({
  row,
  index,
  start,
  onOpen,
}: {
  row: Row<TeamViewRow>;
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
      {row.getVisibleCells().map((cell, i) => (
        <div key={cell.id} role="cell" title={i === 0 ? undefined : cellTitle(cell.column.id, row.original)}>
          {i === 0 ? (
            <button
              type="button"
              className="link-button"
              onClick={() => onOpen(row.original)}
              title={`Open ${row.original.name}'s dashboard`}
            >
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </button>
          ) : (
            flexRender(cell.column.columnDef.cell, cell.getContext())
          )}
        </div>
      ))}
    </div>
  );
});

/** The whole text of a cell, for the tooltip when it is cut short. */
function cellTitle(column: string, row: TeamViewRow): string {
  switch (column) {
    case 'credential':
      return row.credentialName;
    case 'status':
      return row.statusDetail;
    case 'expiration':
      return row.expirationText;
    case 'remaining':
      return row.remainingText;
    case 'cprAed':
      return row.cprAedText;
    case 'audit':
      return row.auditText ?? 'No open audit';
    default:
      return String(row.missingCertificates);
  }
}
