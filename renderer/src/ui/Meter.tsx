import { formatAmount } from './format';

interface MeterProps {
  label: string;
  value: number;
  required: number;
  unit: string;
}

/** "Courses 1.5 / 1.9 CEUs" with a bar; the figures come from the engine. */
export function Meter({ label, value, required, unit }: MeterProps) {
  const ratio = required > 0 ? Math.min(1, value / required) : 1;
  const met = value >= required;
  return (
    <div className="meter">
      <div className="meter-label">
        <span>{label}</span>
        <span className="meter-figures">
          {formatAmount(value)} / {formatAmount(required)} {unit}
        </span>
      </div>
      <div
        className={`meter-track${met ? ' meter-met' : ''}`}
        role="progressbar"
        aria-label={`${label}: ${formatAmount(value)} of ${formatAmount(required)} ${unit}`}
        aria-valuemin={0}
        aria-valuemax={required}
        aria-valuenow={Math.min(value, required)}
      >
        <div className="meter-fill" style={{ width: `${ratio * 100}%` }} />
      </div>
    </div>
  );
}
