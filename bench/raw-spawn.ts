/**
 * Raw baselines for spawn latency: the least it can cost to start a Node process or worker thread here.
 * Latency is launch call → the child's first message, stamped on the child's own clock, which is how the
 * engine's spawn figure is defined (launch request → the unit's first report). Arrival in this process
 * is kept too, to show the IPC hop is negligible.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { distribution, type Distribution } from './measure.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);
const epochNow = () => performance.timeOrigin + performance.now();

interface Hello {
  t: number;
}

interface Launch {
  /** ms from the launch call to each hello's own stamp */
  stamped: number[];
  /** ms from the launch call to each hello's arrival here */
  arrived: number[];
}

/** Fork a fixture with the engine's options (no inherited tsx loader: the engine's hosts run plain node). */
function forkAndCollect(script: URL, args: string[], expected: number): Promise<Launch> {
  return new Promise((resolve, reject) => {
    const t0 = epochNow();
    const launch: Launch = { stamped: [], arrived: [] };
    const child = fork(fileURLToPath(script), args, {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      execArgv: [],
      serialization: 'json',
    });
    child.on('message', (m: Hello) => {
      launch.arrived.push(epochNow() - t0);
      launch.stamped.push(m.t - t0);
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      launch.stamped.length === expected ? resolve(launch) : reject(new Error(`${script.pathname} exited ${code} early`)),
    );
  });
}

function workerAndCollect(): Promise<Launch> {
  return new Promise((resolve, reject) => {
    const t0 = epochNow();
    const launch: Launch = { stamped: [], arrived: [] };
    // execArgv [] keeps tsx's loader out of the worker, as in the engine's thread host
    const worker = new Worker(fixture('worker-hello.mjs'), { execArgv: [] });
    worker.once('message', (m: Hello) => {
      launch.arrived.push(epochNow() - t0);
      launch.stamped.push(m.t - t0);
    });
    worker.on('error', reject);
    worker.on('exit', () => (launch.stamped.length === 1 ? resolve(launch) : reject(new Error('worker exited early'))));
  });
}

export interface RawSeries {
  label: string;
  stampedMs: Distribution;
  arrivedMs: Distribution;
}

/** Repeat a launch (one warm-up first, not counted) and pool what every repetition saw. */
async function repeat(label: string, reps: number, launch: () => Promise<Launch>): Promise<RawSeries> {
  await launch();
  const stamped: number[] = [];
  const arrived: number[] = [];
  for (let i = 0; i < reps; i++) {
    const l = await launch();
    stamped.push(...l.stamped);
    arrived.push(...l.arrived);
  }
  return { label, stampedMs: distribution(stamped, 2), arrivedMs: distribution(arrived, 2) };
}

export interface RawSpawnResult {
  fork1: RawSeries;
  worker1: RawSeries;
  /** the same shapes as the engine's runs of N units */
  forkN: RawSeries;
  forkWithWorkersN: RawSeries;
}

export async function benchRawSpawn(units: number, singleReps: number, batchReps: number): Promise<RawSpawnResult> {
  const forkOne = () => forkAndCollect(fixture('fork-hello.mjs'), [], 1);
  const forkMany = async (): Promise<Launch> => {
    const all = await Promise.all(Array.from({ length: units }, forkOne));
    return { stamped: all.flatMap((l) => l.stamped), arrived: all.flatMap((l) => l.arrived) };
  };
  return {
    fork1: await repeat('raw fork ×1', singleReps, forkOne),
    worker1: await repeat('raw Worker ×1 (in this process)', singleReps, workerAndCollect),
    forkN: await repeat(`raw fork ×${units} at once`, batchReps, forkMany),
    forkWithWorkersN: await repeat(`raw fork + ${units} Workers`, batchReps, () =>
      forkAndCollect(fixture('fork-workers-hello.mjs'), [String(units)], units),
    ),
  };
}
