import type { Mode, UnitState } from '../../../contract/domain.js';

/** What the sampler needs to know of a live unit; the run manager hands these out. */
export interface UnitRef {
  runId: string;
  unitId: number;
  mode: Mode;
  pid: number;
  tid: number | null;
  state: UnitState;
  /** thread/async: the host's idle memory and how many units share it */
  hostBaselineBytes: number;
  hostUnits: number;
  /** CPU ms the unit accounted for itself (async tasks: their slices on the shared loop) */
  selfCpuMs: number;
}
