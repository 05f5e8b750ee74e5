/**
 * What `compare` and `memory` show between legs: a progress line per leg on stderr (unless the output
 * is data), and the series ended at the leg after a Ctrl-C (which has already stopped the leg going).
 */
import type { Mode } from '../../contract/domain.js';
import { InvalidInput } from '../../contract/refusal.js';
import type { EngineSession } from './with-engine.js';

export type OnLeg = (leg: { mode: Mode; units: number; round?: number }) => void;

export const studyProgress =
  (session: EngineSession, quiet: boolean): OnLeg =>
  (leg) => {
    if (session.interrupted) throw new InvalidInput('interrupted');
    if (!quiet) console.error(`… ${leg.mode}, ${leg.units} unit${leg.units > 1 ? 's' : ''}${leg.round === undefined ? '' : `, round ${leg.round + 1}`}`);
  };
