import { STRENGTH_LABELS } from '@/lib/password/labels';

/** The strength meter: a role=meter with the visible label (docs/architecture.md, "The UI contract"). */
export function StrengthMeter({ score }: { score: number | undefined }) {
  const label = score === undefined ? 'Not rated yet' : STRENGTH_LABELS[score];
  return (
    <div className="strength">
      <span id="strength-label">Password strength</span>
      <div
        role="meter"
        aria-labelledby="strength-label"
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score ?? 0}
        aria-valuetext={label}
        className="meter"
        data-score={score ?? -1}
      >
        {[0, 1, 2, 3].map((i) => (
          <span key={i} className={score !== undefined && score > i ? 'bar on' : 'bar'} />
        ))}
      </div>
      <span className="strength-text">{label}</span>
    </div>
  );
}
