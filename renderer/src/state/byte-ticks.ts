/**
 * Axis ticks for a bytes axis that read as round numbers (0, 4 GB, 8 GB …, not 0, 3.7 GB, 7.5 GB):
 * a step of 1, 2 or 5 × a power of two's unit (KB, MB, GB), about `count` of them up to `max`.
 */
const UNIT_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

export function byteTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const unit = 1024 ** Math.max(0, Math.min(4, Math.floor(Math.log(max) / Math.log(1024))));
  const inUnits = max / unit;
  const step = (UNIT_STEPS.find((s) => inUnits / s <= count) ?? Math.ceil(inUnits / count)) * unit;
  const ticks: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) ticks.push(v);
  return ticks;
}

/** An axis top that fits a bytes series: its most and an eighth more, up to the next round tick (1 GB when empty). */
export function fittedByteMax(max: number): number {
  if (!(max > 0)) return 1024 ** 3;
  const want = max * 1.125;
  const step = byteTicks(want)[1] ?? want;
  return Math.ceil(want / step) * step;
}
