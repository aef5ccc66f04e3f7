interface MeterProps {
  label: string;
  value: number;
  required: number;
  /** The figures in words, from main: "1.5 / 1.9 CEUs". */
  text: string;
  met: boolean;
}

/** "Courses 1.5 / 1.9 CEUs" with a bar; the figures and whether they are met come from the engine. */
export function Meter({ label, value, required, text, met }: MeterProps) {
  const ratio = required > 0 ? Math.min(1, value / required) : 1;
  return (
    <div className="meter">
      <div className="meter-label">
        <span>{label}</span>
        <span className="meter-figures">{text}</span>
      </div>
      <div
        className={`meter-track${met ? ' meter-met' : ''}`}
        role="progressbar"
        aria-label={`${label}: ${text}`}
        aria-valuemin={0}
        aria-valuemax={required}
        aria-valuenow={Math.min(value, required)}
      >
        <div className="meter-fill" style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
