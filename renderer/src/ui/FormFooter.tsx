/** The end of every form: the error that belongs to no field, then save and cancel. */
export function FormFooter({
  error,
  submitLabel,
  cancelLabel = 'Cancel',
  onCancel,
}: {
  error?: string | undefined;
  submitLabel: string;
  cancelLabel?: string;
  onCancel(): void;
}) {
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
          {cancelLabel}
        </button>
      </div>
    </>
  );
}
