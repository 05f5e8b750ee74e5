/** A progress bar in the run's colour, exposed as a progressbar to assistive technology. */
import type { CSSProperties } from 'react';
import { runColorVar } from '../state/run-colors.js';

export function ProgressBar({ fraction, color, label }: { fraction: number; color: number; label: string }) {
  const pct = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={label}>
      <div className="progress-fill" style={{ width: `${pct}%`, '--lane': runColorVar(color) } as CSSProperties} />
    </div>
  );
}
