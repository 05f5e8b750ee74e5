/**
 * The watchdog of a program CoreScope started (`watch -- CMD`): a small process of its own session,
 * so neither Ctrl-C in the terminal nor kill -9 of CoreScope reaches it. CoreScope writes it the tree's
 * members as it finds them ("pid startTicks" lines) and "detach" when it ends the watch itself. If its
 * stdin closes without that (CoreScope died, even by SIGKILL, which no handler of CoreScope's sees), it
 * stops the whole tree with SIGSTOP — so nothing forks while it looks — and then SIGKILLs it: the root,
 * every descendant found in /proc, every member it was told of, and the root's process group.
 *
 * argv: rootPid rootStartTicks
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parsePidStat } from '../../lib/proc-pid-parse.js';

const [rootPid, rootStart] = process.argv.slice(2).map(Number);
/** pid → start ticks: told by CoreScope, or found here */
const members = new Map<number, number>([[rootPid, rootStart]]);
const PASSES = 4;
/** members told of are kept while alive; past this many, the dead ones are dropped (no unbounded growth) */
const PRUNE_AT = 8192;

const statOf = (pid: number) => {
  try {
    return parsePidStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
};

/** Every live process whose chain of parents reaches a member (pid reuse ruled out by start ticks). */
function tree(): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = statOf(pid);
    if (s) parentOf.set(pid, s.ppid);
  }
  const live = new Set([...members].filter(([pid, start]) => statOf(pid)?.startTicks === start).map(([pid]) => pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parentOf)
      if (!live.has(pid) && live.has(ppid)) {
        live.add(pid);
        grew = true;
      }
  }
  return [...live];
}

const signal = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
};

function endTree(): never {
  // stop first, pass after pass, so a process forking as we look cannot get a child past us
  for (let i = 0; i < PASSES; i++) for (const pid of tree()) signal(pid, 'SIGSTOP');
  const all = tree();
  for (const pid of all) signal(pid, 'SIGKILL');
  signal(-rootPid, 'SIGKILL'); // the root leads its own process group
  process.exit(0);
}

let detached = false;
let pending = '';
process.on('SIGINT', () => undefined); // the terminal's Ctrl-C is CoreScope's to handle
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    if (line === 'detach') detached = true;
    const [pid, start] = line.split(' ').map(Number);
    if (Number.isInteger(pid) && Number.isInteger(start)) members.set(pid, start);
  }
  if (members.size > PRUNE_AT) for (const [pid, start] of members) if (pid !== rootPid && statOf(pid)?.startTicks !== start) members.delete(pid);
});
process.stdin.on('end', () => (detached ? process.exit(0) : endTree()));
