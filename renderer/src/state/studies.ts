/**
 * The latest compare and memory study, as their events tell it: running (which leg of how many),
 * ended (the report) or failed (the reason). One store per API, subscribed once and kept for the
 * page's life, so switching tabs mid-study loses nothing.
 */
import type { Mode } from '../../../contract/domain.js';
import type { CoreScopeApi } from '../../../contract/methods.js';
import type { CompareReport, MemoryCostReport, StudyEvent, StudyKind } from '../../../contract/studies.js';

export interface StudyState<R> {
  studyId: string | null;
  running: boolean;
  /** the leg running now */
  leg: { mode: Mode; units: number; index: number; legs: number } | null;
  report: R | null;
  error: string | null;
}

export interface StudiesState {
  compare: StudyState<CompareReport>;
  memory: StudyState<MemoryCostReport>;
}

const idle = { studyId: null, running: false, leg: null, report: null, error: null };
export const NO_STUDIES: StudiesState = { compare: idle, memory: idle };

/** The state after one event (pure: tested without a page). */
export function reduceStudy(s: StudiesState, e: StudyEvent): StudiesState {
  const k: StudyKind = e.kind;
  const cur = s[k] as StudyState<unknown>;
  if (e.type !== 'study-started' && cur.studyId !== null && cur.studyId !== e.studyId && cur.running) return s;
  let next: StudyState<unknown>;
  switch (e.type) {
    case 'study-started':
      next = { studyId: e.studyId, running: true, leg: null, report: cur.report, error: null };
      break;
    case 'study-leg':
      next = { ...cur, studyId: e.studyId, running: true, leg: { mode: e.mode, units: e.units, index: e.index, legs: e.legs }, error: null };
      break;
    case 'compare-ended':
    case 'memory-ended':
      next = { studyId: e.studyId, running: false, leg: null, report: e.report, error: null };
      break;
    case 'study-failed':
      next = { ...cur, studyId: e.studyId, running: false, leg: null, error: e.error };
      break;
  }
  return { ...s, [k]: next };
}

export class StudyStore {
  private state: StudiesState = NO_STUDIES;
  private readonly listeners = new Set<() => void>();

  constructor(api: CoreScopeApi) {
    api.onStudyEvent((e) => {
      this.state = reduceStudy(this.state, e);
      for (const cb of this.listeners) cb();
    });
  }

  get = (): StudiesState => this.state;
  subscribe = (cb: () => void): (() => void) => {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  };
}

const stores = new WeakMap<CoreScopeApi, StudyStore>();
export function studyStoreOf(api: CoreScopeApi): StudyStore {
  let s = stores.get(api);
  if (!s) stores.set(api, (s = new StudyStore(api)));
  return s;
}
