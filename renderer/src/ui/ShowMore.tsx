import { useState } from 'react';

/**
 * Rows drawn at first, and more at each "Show more": a chain's 10,000 rows drawn at once were one
 * long task of the window's, and a manager looks for one person by searching.
 */
export const ROWS_AT_A_TIME = 200;

/** How many of a list to draw; back to the first rows whenever `from` changes (another search, filter). */
export function useShown(from: string): { shown: number; more(): void } {
  const [state, setState] = useState({ from, shown: ROWS_AT_A_TIME });
  // Set while rendering (React's way of state that follows a prop): a list shown again after
  // another search starts from its first rows too.
  if (state.from !== from) setState({ from, shown: ROWS_AT_A_TIME });
  const shown = state.from === from ? state.shown : ROWS_AT_A_TIME;
  return { shown, more: () => setState({ from, shown: shown + ROWS_AT_A_TIME }) };
}

/** "Showing 200 of 10,000 people; …" and the button for the next rows, while some are not drawn. */
export function ShowMore({
  shown,
  total,
  noun,
  hint,
  onMore,
}: {
  shown: number;
  total: number;
  noun: string;
  hint: string;
  onMore(): void;
}) {
  if (total <= shown) return null;
  return (
    <div className="show-more">
      <p className="muted" role="status">
        Showing {shown.toLocaleString('en')} of {total.toLocaleString('en')} {noun}; {hint}
      </p>
      <button type="button" onClick={onMore}>
        Show {Math.min(ROWS_AT_A_TIME, total - shown).toLocaleString('en')} more
      </button>
    </div>
  );
}
