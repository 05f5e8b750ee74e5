import type { Mode, UnitState } from '../../../contract/domain.js';

/**
 * What the sampler needs to know of a live unit; the run manager hands these out. One object per unit
 * for the unit's whole life, refreshed in place, so a sample of 100,000 tasks allocates none, and a
 * reader may key its own per-unit state on the object.
 */
export interface UnitRef {
  runId: string;
  unitId: number;
  mode: Mode;
  pid: number;
  tid: number | null;
  state: UnitState;
  /** when the current state began (epoch ms) */
  stateAt: number;
  /** thread/async: the host's idle memory and how many units share it */
  hostBaselineBytes: number;
  hostUnits: number;
  /** CPU ms the unit accounted for itself (async tasks: their slices on the shared loop) */
  selfCpuMs: number;
}
