/** What the compare charts share: one colour per mode, axis and tooltip styles, the legs' names. */
import type { Mode } from '../../../../contract/domain.js';

export const MODE_COLOR: Record<Mode, string> = { process: 'var(--run-0)', thread: 'var(--run-1)', async: 'var(--run-2)' };
export const axisStyle = { fontSize: 11, fill: 'var(--text-dim)' };
export const tooltipStyle = { background: 'var(--panel)', border: '1px solid var(--border)', borderRadius: 6, fontSize: 12 };
export const CHART_H = 230;

/** "process · 2 units (baseline: 1 unit)" */
export const legLabel = (mode: Mode, units: number, baseline: boolean): string =>
  `${mode}, ${units} unit${units > 1 ? 's' : ''}${baseline ? ' (1-unit baseline)' : ''}`;
