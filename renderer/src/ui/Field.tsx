import { useId, useState, type InputHTMLAttributes, type SyntheticEvent } from 'react';
import { NOT_A_DATE } from '../../../preload/contract';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  /** Filled in from a certificate: main's note ("From the certificate (90 % sure)"), highlighted when to be checked. */
  scanned?: { text: string; check: boolean } | undefined;
}

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ label, error: formError, hint, scanned, ...input }: FieldProps) {
  const id = useId();
  // A date typed that is no date reads as "" to the form, which would call it missing: say what it is.
  const [unreadable, setUnreadable] = useState(false);
  const check = (e: SyntheticEvent<HTMLInputElement>) => {
    if (input.type === 'date') setUnreadable(e.currentTarget.validity.badInput);
  };
  const error = unreadable ? NOT_A_DATE : formError;
  const describedBy =
    [error ? `${id}-error` : null, hint ? `${id}-hint` : null, scanned ? `${id}-scanned` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div
      className={`field${error ? ' field-invalid' : ''}${scanned ? (scanned.check ? ' field-scanned field-check' : ' field-scanned') : ''}`}
    >
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        onKeyUp={(e) => {
          check(e);
          input.onKeyUp?.(e);
        }}
        onBlur={(e) => {
          check(e);
          input.onBlur?.(e);
        }}
        onChange={(e) => {
          check(e);
          input.onChange?.(e);
        }}
      />
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {scanned && (
        <p className="field-scanned-note" id={`${id}-scanned`}>
          {scanned.text}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
