/**
 * The CLI's last lines of defence: Ctrl-C and SIGTERM stop the runs cleanly (a second Ctrl-C kills),
 * and the interval flag is checked like every other input.
 */
import { IntervalSchema, describeInvalid } from '../../preload/api.js';
import { InvalidInput } from '../engine/errors.js';
import { toNumber } from './numbers.js';

export function parseInterval(flag: string | undefined, fallback: number): number {
  if (flag === undefined) return fallback;
  const parsed = IntervalSchema.safeParse(toNumber(flag));
  if (!parsed.success) throw new InvalidInput(describeInvalid(parsed.error));
  return parsed.data;
}

/** Calls onInterrupt on the first SIGINT/SIGTERM; a second one exits at once. Returns the undo. */
export function whenInterrupted(onInterrupt: () => void): () => void {
  let count = 0;
  const handler = () => {
    if (++count > 1) process.exit(130);
    onInterrupt();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
