/**
 * How often each view may redraw, apart from how often samples come (50 ms … 5 s). Live per-core
 * load is what the eye follows: 5 Hz, the most its charts can show — a 60 s window is 120 buckets of
 * 0.5 s, so redrawing faster only nudges the newest bucket, for twice the paint (measured: the grid is
 * ~4 % of the page's main thread at 16 cores at 10 Hz). Everything read rather than watched — chips, lanes, the
 * table, the monitor's own cost — twice a second. recharts once a second: its redraws cost the most
 * (measured in headless chromium, see TotalsCharts).
 */
export const GRID_GAP_MS = 200;
export const SECTION_GAP_MS = 500;
export const LANE_GAP_MS = 500;
export const TABLE_GAP_MS = 500;
export const SELF_COST_GAP_MS = 500;
export const TOTALS_GAP_MS = 1000;
/** the launcher only needs free memory, for its warning */
export const LAUNCHER_GAP_MS = 1000;
