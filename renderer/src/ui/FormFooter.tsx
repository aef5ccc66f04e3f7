/** The end of every form: the error that belongs to no field, then save and cancel. */
export function FormFooter({ error, submitLabel, onCancel }: { error?: string | undefined; submitLabel: string; onCancel(): void }) {
  return (
    <>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </>
  );
}
