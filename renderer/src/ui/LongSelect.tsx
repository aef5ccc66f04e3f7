import { useEffect, useId, useMemo, useState } from 'react';

export interface Choice {
  value: string;
  label: string;
}

/**
 * More choices than this are chosen by typing (one per person, in a chain). A select lays out every
 * option each time the page's style changes (another screen, the theme, the window's size): with a
 * chain's 10,000 people that held the whole window still at each such change, and nobody scrolls
 * 10,000 names anyway (the figures are in the commit that made this).
 */
export const MOST_CHOICES_IN_A_LIST = 200;

interface LongSelectProps {
  id?: string;
  /** Each label names one choice: typing a label is choosing its value. */
  choices: readonly Choice[];
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
  title?: string;
  'aria-label'?: string;
  'aria-describedby'?: string | undefined;
  /** Shown in the empty field of a long list ("Type a name"). */
  placeholder?: string;
  /** A list of the labels already on the page (choosers of one list share one, see ChoiceLabels). */
  listId?: string;
}

/** The labels of a long list for the fields that type them: rendered once, however many fields use it. */
export function ChoiceLabels({ id, choices }: { id: string; choices: readonly Choice[] }) {
  if (choices.length <= MOST_CHOICES_IN_A_LIST) return null;
  return (
    <datalist id={id}>
      {choices
        .filter((c) => c.value !== '')
        .map((c) => (
          <option key={c.value} value={c.label} />
        ))}
    </datalist>
  );
}

/**
 * A select while the list is short; once it is long, a field where the label is typed and the
 * browser suggests the labels that match. What is typed counts once it is a whole label; on leaving
 * the field anything else goes back to the choice made before. A choice of value '' ("Choose…") is
 * the empty field.
 */
export function LongSelect({ id, choices, value, onChange, disabled, title, placeholder, listId, ...aria }: LongSelectProps) {
  const ownList = useId();
  const valueOf = useMemo(() => new Map(choices.map((c) => [c.value === '' ? '' : c.label, c.value] as const)), [choices]);
  const current = value === '' ? '' : (choices.find((c) => c.value === value)?.label ?? '');
  const [typed, setTyped] = useState(current);
  // The suggestions are made when the field is first used: thousands of elements created at each
  // visit of a screen were a long task of their own.
  const [suggesting, setSuggesting] = useState(false);
  useEffect(() => setTyped(current), [current]);

  const field = { id, title, disabled, 'aria-label': aria['aria-label'], 'aria-describedby': aria['aria-describedby'] };

  if (choices.length <= MOST_CHOICES_IN_A_LIST)
    return (
      <select {...field} value={value} onChange={(e) => onChange(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    );

  const list = listId ?? ownList;
  return (
    <>
      <input
        {...field}
        type="text"
        className="long-select"
        list={list}
        value={typed}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setTyped(e.target.value);
          const chosen = valueOf.get(e.target.value);
          if (chosen !== undefined && chosen !== value) onChange(chosen);
        }}
        onFocus={() => setSuggesting(true)}
        onBlur={() => setTyped(current)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setTyped(current);
        }}
      />
      {listId === undefined && suggesting && <ChoiceLabels id={ownList} choices={choices} />}
    </>
  );
}
