/**
 * Every state a scenario's units reported, in order, kept as three columns (unit, state, time) that
 * double when full, instead of an object per point: gather's 100,000 tasks report 300,000 states, and
 * an object with its boxed time (~64 B each) is one more thing every young-generation GC copies while
 * the tasks are still being started. Points are made only when the script asks for them.
 */
import { UNIT_STATES } from '../../../contract/domain.js';
import type { UnitStateName } from '../../../contract/host-protocol.js';
import type { TimelinePoint } from '../../scenarios/scenario.js';

const FIRST_CAPACITY = 1024;
const STATE_CODE = new Map<UnitStateName, number>(UNIT_STATES.map((s, i) => [s, i]));

export class Timeline {
  private units = new Int32Array(FIRST_CAPACITY);
  private states = new Uint8Array(FIRST_CAPACITY);
  private times = new Float64Array(FIRST_CAPACITY);
  private size = 0;

  push(unit: number, state: UnitStateName, t: number): void {
    if (this.size === this.units.length) this.grow();
    this.units[this.size] = unit;
    this.states[this.size] = STATE_CODE.get(state) ?? 0;
    this.times[this.size] = t;
    this.size++;
  }

  points(): TimelinePoint[] {
    return Array.from({ length: this.size }, (_, i) => ({ unit: this.units[i], state: UNIT_STATES[this.states[i]], t: this.times[i] }));
  }

  private grow(): void {
    const n = this.units.length * 2;
    const units = new Int32Array(n);
    const states = new Uint8Array(n);
    const times = new Float64Array(n);
    units.set(this.units);
    states.set(this.states);
    times.set(this.times);
    [this.units, this.states, this.times] = [units, states, times];
  }
}
