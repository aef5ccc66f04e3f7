import { useEffect, useRef, useState } from 'react';
import { APPROVAL_TEXT, type CourseLogQuery, type CourseLogRow } from '../../../preload/contract';
import { formatDate } from '../ui/format';
import { usePrinting } from '../ui/printing';

export const ROW_HEIGHT = 44;
const OVERSCAN = 8;

type SortKey = NonNullable<CourseLogQuery['sort']>['key'];

const COLUMNS: { key: SortKey | null; label: string; className: string }[] = [
  { key: 'completed', label: 'Completed', className: 'col-date' },
  { key: 'title', label: 'Course title', className: 'col-title' },
  { key: 'provider', label: 'Provider', className: 'col-provider' },
  { key: 'approval', label: 'Approval', className: 'col-approval' },
  { key: 'amount', label: 'Amount', className: 'col-amount' },
  { key: null, label: 'Files', className: 'col-files' },
  { key: 'status', label: 'Verdict', className: 'col-verdict' },
];

function approvalText(row: CourseLogRow): string {
  return row.approval === 'petition' ? `Petition: ${row.petition?.status ?? 'not filed'}` : APPROVAL_TEXT[row.approval];
}

interface CourseTableProps {
  total: number;
  rowAt(index: number): CourseLogRow | undefined;
  ensure(first: number, last: number): void;
  sort: NonNullable<CourseLogQuery['sort']>;
  onSort(sort: NonNullable<CourseLogQuery['sort']>): void;
  onOpen(row: CourseLogRow): void;
  selectedId: string | null;
}

/** Only the rows in view (plus a few) are in the page, so 100,000 courses scroll like 10. */
export function CourseTable({ total, rowAt, ensure, sort, onSort, onOpen, selectedId }: CourseTableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  const frame = useRef<number | null>(null);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A printout holds every row, in the page's flow (so that pages break between rows).
  const printing = usePrinting();
  const first = printing ? 0 : Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = printing ? total - 1 : Math.min(total - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => {
    if (total > 0) ensure(first, last);
  }, [first, last, total, ensure]);

  const indices: number[] = [];
  for (let i = first; i <= last; i++) indices.push(i);

  return (
    <div className="course-table" role="table" aria-label="Course log" aria-rowcount={total + 1}>
      <div className="course-row course-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((column) => {
          const active = column.key !== null && sort.key === column.key;
          return (
            <div
              key={column.label}
              role="columnheader"
              className={column.className}
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {column.key ? (
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onSort({ key: column.key as SortKey, direction: active && sort.direction === 'desc' ? 'asc' : 'desc' })}
                >
                  {column.label}
                  <span aria-hidden="true">{active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                </button>
              ) : (
                column.label
              )}
            </div>
          );
        })}
      </div>
      <div
        ref={scroller}
        className="course-scroller"
        tabIndex={0}
        aria-label="Courses, scrollable"
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          if (frame.current !== null) cancelAnimationFrame(frame.current);
          frame.current = requestAnimationFrame(() => setScrollTop(top));
        }}
      >
        <div className="course-spacer" style={printing ? undefined : { height: total * ROW_HEIGHT }}>
          {indices.map((index) => {
            const row = rowAt(index);
            return (
              <div
                key={index}
                role="row"
                aria-rowindex={index + 2}
                className={`course-row${printing ? '' : ' course-body-row'}${row && row.id === selectedId ? ' course-row-selected' : ''}`}
                style={printing ? undefined : { transform: `translateY(${index * ROW_HEIGHT}px)` }}
              >
                {row ? (
                  <>
                    <div role="cell" className="col-date">
                      {formatDate(row.completed)}
                    </div>
                    <div role="cell" className="col-title">
                      <button type="button" className="link-button" onClick={() => onOpen(row)} title={row.title}>
                        {row.title}
                      </button>
                    </div>
                    <div role="cell" className="col-provider" title={row.provider}>
                      {row.provider}
                    </div>
                    <div role="cell" className="col-approval" title={approvalText(row)}>
                      {approvalText(row)}
                    </div>
                    <div role="cell" className="col-amount">
                      {row.amountText}
                    </div>
                    <div
                      role="cell"
                      className={`col-files${row.certificates === 0 ? ' missing' : ''}`}
                      aria-label={`${row.certificates} certificate files`}
                    >
                      {row.certificates === 0 ? 'none' : row.certificates}
                    </div>
                    <div role="cell" className="col-verdict" title={row.verdicts.map((v) => `${v.credential}: ${v.text}`).join('; ')}>
                      {row.verdicts.length === 0 ? (
                        <span className="muted">Not assigned to a credential</span>
                      ) : (
                        row.verdicts.map((v) => (
                          <span key={v.credentialId} className={`verdict ${v.counted ? 'verdict-ok' : 'verdict-no'}`}>
                            {row.verdicts.length > 1 ? `${v.credential}: ` : ''}
                            {v.text}
                          </span>
                        ))
                      )}
                    </div>
                  </>
                ) : (
                  <div role="cell" className="col-loading">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
