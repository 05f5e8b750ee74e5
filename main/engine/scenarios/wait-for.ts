/**
 * The wait-for graph of units that take locks, and the cycle in it that is a deadlock. Pure: built
 * from what each unit last said it holds and waits for.
 */

export interface HoldWait {
  unit: string;
  holds: readonly string[];
  /** the lock it is blocked on, or null while it isn't waiting */
  waitsFor: string | null;
}

/**
 * The units of a cycle, each waiting for a lock the next one holds (a unit waiting for a lock it holds
 * itself is a cycle of one), or null. A unit waits for at most one lock and a lock has at most one
 * holder, so following "waits for → held by" from each unit either ends or comes round.
 */
export function findCycle(units: readonly HoldWait[]): HoldWait[] | null {
  const holderOf = new Map<string, HoldWait>();
  for (const u of units) for (const lock of u.holds) holderOf.set(lock, u);
  for (const start of units) {
    const path: HoldWait[] = [];
    let u: HoldWait | undefined = start;
    while (u && !path.includes(u)) {
      path.push(u);
      u = u.waitsFor === null ? undefined : holderOf.get(u.waitsFor);
    }
    if (u) return path.slice(path.indexOf(u));
  }
  return null;
}

/** "function_a holds A, waits B": one line per unit of the cycle. */
export const describeCycle = (cycle: readonly HoldWait[]): string[] =>
  cycle.map((u) => `${u.unit} holds ${u.holds.join(', ')}, waits ${u.waitsFor}`);
