/** Flag values arrive as strings; the contract's schemas decide what is valid, so these only convert and tidy. */
import { parseOrRefuse } from '../../contract/refusal.js';
import { IntervalSchema } from '../../contract/schemas.js';

export const toNumber = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** Leave out flags that weren't given, so the schema's defaults and "unknown key" checks apply. */
export const dropUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** --interval MS, checked like every other input. */
export function parseInterval(flag: string | undefined, fallback: number): number {
  return flag === undefined ? fallback : parseOrRefuse(IntervalSchema, toNumber(flag));
}
