/**
 * `corescope watch -- CMD [ARGS…]` and `corescope watch --pid N`: any program's process tree live on
 * the cores, and a summary (or one JSON object with --json) at the end. A started command inherits the
 * terminal (with --json its output goes to stderr, so stdout holds only the JSON) and CoreScope exits
 * with its exit code; Ctrl-C ends its whole tree. Attached: Ctrl-C detaches and leaves it running.
 */
import logUpdate from 'log-update';
import { LIMITS } from '../../../contract/limits.js';
import { InvalidInput } from '../../../contract/refusal.js';
import type { WatchSummary } from '../../../contract/watch.js';
import { parseInterval, toNumber } from '../flags.js';
import { renderWatchView, watchSummaryTable } from '../watch-view.js';
import { withEngine } from '../with-engine.js';

export interface WatchFlags {
  pid?: string;
  interval?: string;
  json?: boolean;
  /** --record FILE: the watch's snapshots and events, to replay or export later */
  record?: string;
}

export async function watchCommand(argv: string[], flags: WatchFlags): Promise<number> {
  if (flags.pid !== undefined && argv.length) throw new InvalidInput('give either --pid N or -- CMD, not both');
  if (flags.pid === undefined && !argv.length) throw new InvalidInput('give a command after --, e.g. corescope watch -- python3 train.py, or --pid N');
  const intervalMs = parseInterval(flags.interval, LIMITS.intervalMs.default);

  const { summary, interrupted } = await withEngine({ intervalMs, checkPython: false, record: flags.record }, async (session) => {
    const { engine } = session;
    const watch =
      flags.pid !== undefined
        ? engine.watchPid({ pid: toNumber(flags.pid) })
        : engine.watchCommand({ argv }, flags.json ? ['inherit', process.stderr, 'inherit'] : 'inherit');
    const live = !flags.json && process.stdout.isTTY;
    // the command shares the terminal: draw on stderr's lines only when it is ours alone (attached)
    const draw = () => logUpdate(renderWatchView(watch.id, watch.info.command, Date.now() - watch.t0, engine.latestSnapshot, process.stdout.columns));
    const stopDrawing = live && watch.info.attached ? engine.subscribe('snapshot', draw) : () => undefined;
    const result: WatchSummary = await engine.watchSummary(watch);
    stopDrawing();
    if (live && watch.info.attached) logUpdate.done();
    return { summary: result, interrupted: session.interrupted };
  });
  console.log(flags.json ? JSON.stringify(summary) : watchSummaryTable(summary));
  if (summary.attached) return interrupted ? 130 : 0;
  return summary.exitCode ?? (interrupted ? 130 : 1);
}
