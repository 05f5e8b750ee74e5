/**
 * How often each view may redraw, apart from how often samples come (50 ms … 5 s). Live per-core
 * load is what the eye follows: ≤ 10 Hz. Everything read rather than watched — chips, lanes, the
 * table, the monitor's own cost — twice a second. recharts once a second: its redraws cost the most
 * (measured in headless chromium, see TotalsCharts).
 */
export const GRID_GAP_MS = 100;
export const SECTION_GAP_MS = 500;
export const LANE_GAP_MS = 500;
export const TABLE_GAP_MS = 500;
export const SELF_COST_GAP_MS = 500;
export const TOTALS_GAP_MS = 1000;
/** the launcher only needs free memory, for its warning */
export const LAUNCHER_GAP_MS = 1000;
