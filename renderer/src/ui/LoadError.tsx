/** A read that failed, in main's words: shown, never swallowed. */
export function LoadError({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="field-error" role="alert">
      {error}
    </p>
  );
}
