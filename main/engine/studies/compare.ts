/**
 * The same total work as 1 unit and as N units, in every mode, one run after another (never at once,
 * so they don't compete for cores). speedup = the mode's 1-unit wall time / its N-unit wall time.
 *
 * Each leg runs `repeat` times, a round at a time (every mode's baseline and N-unit leg, then again), so a
 * slow stretch of the machine or a slow process lands on every mode alike rather than on one ratio.
 * Each round's speedup divides the baseline by the N-unit leg that ran right after it; the report gives
 * their median and min–max, and calls a speedup whose min–max straddles 1 "no measurable gain".
 *
 * Other programs on the machine take cores from a leg and slow it by as much as they take. Each leg's
 * cores are sampled anyway, so the cores busy beyond the leg's own hosts' CPU time are other programs'
 * work: a round where they took more than QUIET_CORES gets another round (at most `repeat` more), and
 * each mode keeps its `repeat` quietest rounds. The report says how busy the machine was, not hides it.
 */
import { MODES, type Mode, type Runtime } from '../../../contract/domain.js';
import { COMPARE_REPEAT } from '../../../contract/limits.js';
import { InvalidInput } from '../../../contract/refusal.js';
import type { RunSummary } from '../../../contract/run-events.js';
import type { CompareReport, CompareResult, CompareVerdict } from '../../../contract/studies.js';
import type { Engine } from '../engine.js';
import { percentile, spreadOf } from './stats.js';

const DEFAULT_COMPARE_WORK = 300; // blocks: ~3 s on one core of the reference machine
/** other programs' cores during a leg below which the round counts as quiet (the CLI's own sampling is ~0.02) */
const QUIET_CORES = 0.25;

/** Cores that something other than the leg's hosts kept busy, on average over the leg. */
export const otherCores = (leg: RunSummary): number =>
  leg.wallMs > 0 ? Math.max(0, leg.cores.busyPct.reduce((a, b) => a + b, 0) / 100 - leg.cpuMs / leg.wallMs) : 0;

interface Round {
  baseline: RunSummary;
  run: RunSummary;
  /** the busier leg's other programs' cores */
  other: number;
}

export interface CompareSpec {
  units: number;
  work?: number;
  runtime?: Runtime;
  modes?: readonly Mode[];
  repeat?: number;
}


export const verdictOf = (speedup: { min: number; max: number }): CompareVerdict => (speedup.min > 1 ? 'gain' : speedup.max < 1 ? 'slower' : 'no measurable gain');

/** One mode's figures from its rounds: baselines[i] and runs[i] ran one after the other. */
export function summarizeMode(baselines: readonly RunSummary[], runs: readonly RunSummary[], usableCores: number, roundsRun = runs.length): CompareResult {
  const speedups = runs.map((r, i) => baselines[i].wallMs / r.wallMs);
  const walls = runs.map((r) => r.wallMs);
  // the RunSummary shown (cpu time, memory, spawn) is the median N-unit leg's, an actual run
  const median = percentile(walls, 50);
  const typical = runs.reduce((best, r) => (Math.abs(r.wallMs - median) < Math.abs(best.wallMs - median) ? r : best));
  const speedupSpread = spreadOf(speedups, 2);
  const efficiencySpread = spreadOf(speedups.map((s) => s / usableCores), 2);
  const baselineWall = spreadOf(baselines.map((b) => b.wallMs), 1);
  return {
    ...typical,
    repeats: runs.length,
    roundsRun,
    otherCores: spreadOf(runs.map((r, i) => Math.max(otherCores(r), otherCores(baselines[i]))), 2),
    baselineWallMs: baselineWall.median,
    baselineWall,
    wall: spreadOf(walls, 1),
    speedup: speedupSpread.median,
    speedupSpread,
    efficiency: efficiencySpread.median,
    efficiencySpread,
    verdict: verdictOf(speedupSpread),
  };
}

export async function compareModes(
  engine: Engine,
  spec: CompareSpec,
  onLeg: (leg: { mode: Mode; units: number; round: number }) => void = () => undefined,
): Promise<CompareReport> {
  const work = spec.work ?? DEFAULT_COMPARE_WORK;
  const repeat = spec.repeat ?? COMPARE_REPEAT.default;
  // the limit is the engine's, whoever calls (CLI, app, a test)
  if (!Number.isInteger(repeat) || repeat < COMPARE_REPEAT.min || repeat > COMPARE_REPEAT.max)
    throw new InvalidInput(`repeat must be a whole number between ${COMPARE_REPEAT.min} and ${COMPARE_REPEAT.max}`);
  const cores = engine.system().logicalCores;
  const modes = spec.modes ?? MODES;
  const rounds = new Map<Mode, Round[]>(modes.map((m) => [m, []]));
  const quiet = (mode: Mode) => rounds.get(mode)!.filter((r) => r.other <= QUIET_CORES).length;
  let round = 0;
  // up to `repeat` extra rounds while some mode has fewer than `repeat` quiet ones
  while (round < repeat || (round < 2 * repeat && modes.some((m) => quiet(m) < repeat))) {
    for (const mode of modes) {
      const leg = (units: number) => {
        onLeg({ mode, units, round });
        return engine.runToEnd({ mode, runtime: spec.runtime ?? 'node', workload: 'cpu', units, work });
      };
      const baseline = await leg(1);
      const run = await leg(spec.units);
      rounds.get(mode)!.push({ baseline, run, other: Math.max(otherCores(baseline), otherCores(run)) });
    }
    round++;
  }
  const results = modes.map((mode) => {
    // the quietest rounds, back in the order they ran
    const all = rounds.get(mode)!;
    const kept = [...all].sort((a, b) => a.other - b.other).slice(0, repeat);
    const inOrder = all.filter((r) => kept.includes(r));
    return summarizeMode(
      inOrder.map((r) => r.baseline),
      inOrder.map((r) => r.run),
      Math.min(spec.units, cores),
      all.length,
    );
  });
  return { workload: 'cpu', units: spec.units, work, repeats: repeat, logicalCores: cores, results };
}
