import type { Mode, UnitState } from '../../../contract/domain.js';

/**
 * What the sampler needs to know of a live unit; the run manager hands these out (a run's own unit
 * records). One object per unit for the unit's whole life, so a sample of 100,000 tasks allocates
 * none, and a reader may key its own per-unit state on the object. Readers only read it.
 */
export interface UnitRef {
  readonly runId: string;
  readonly unitId: number;
  readonly mode: Mode;
  readonly pid: number;
  readonly tid: number | null;
  readonly state: UnitState;
  /** when the current state began (epoch ms) */
  readonly stateAt: number;
  /** thread/async: the host's idle memory and how many units share it */
  readonly hostBaselineBytes: number;
  readonly hostUnits: number;
  /** CPU ms the unit accounted for itself (async tasks: their slices on the shared loop) */
  readonly selfCpuMs: number;
}
