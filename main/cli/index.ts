/**
 * The `corescope` command. Flags are parsed by commander and validated by the same schemas as every
 * other boundary; a bad input exits 2 with one line saying what is wrong, and starts nothing.
 * Each command's module is imported only once it is chosen (dist/ holds them as chunks), so a command
 * loads only the packages it uses: the server's, the tables' and the live view's cost a `run --json`
 * nothing at start-up.
 */
import { Command, CommanderError, Option } from 'commander';
import { MODES, RUNTIMES, SCENARIOS, WORKLOADS } from '../../contract/domain.js';
import { COMPARE_REPEAT, LIMITS } from '../../contract/limits.js';
import { InvalidInput } from '../../contract/refusal.js';
import { letStdoutReaderGo } from './interrupt.js';
import { PYTHON_FLAG_HELP } from './python-flag.js';

const BAD_INPUT = 2;
const RECORD_HELP = 'record everything the session shows into FILE (.corescope; replay or export it later)';

function program(): Command {
  const cli = new Command('corescope')
    .description('See concurrency: run workloads as processes, worker threads or async tasks and watch every core.')
    .exitOverride()
    .enablePositionalOptions()
    .showSuggestionAfterError(false)
    .configureOutput({ outputError: (msg, write) => write(`corescope: ${msg.replace(/^error: /, '').trim().split('\n')[0]}\n`) });

  cli
    .command('run')
    .description('launch one workload as N units in one mode and sample the cores while it runs')
    .addOption(new Option('--mode <mode>', `how units run: ${MODES.join('|')}`))
    .addOption(new Option('--runtime <runtime>', `${RUNTIMES.join('|')}`).default('node'))
    .option('--python <path>', PYTHON_FLAG_HELP)
    .option('--units <n>', `how many units (process/thread ${LIMITS.units.min}…${LIMITS.units.max}, async ${LIMITS.asyncUnits.min}…${LIMITS.asyncUnits.max})`)
    .option('--workload <name>', `${WORKLOADS.join('|')}`)
    .option('--duration <s>', 'each unit runs for S seconds (0.1…3600; default 5)')
    .option('--work <w>', 'cpu: W blocks of work split across the units (instead of --duration)')
    .option('--mb <m>', 'mem: MB each unit allocates, touches and holds')
    .option('--interval <ms>', 'sampling interval in ms (50…5000)', '500')
    .option('--json', 'print only the run summary as JSON')
    .option('--record <file>', RECORD_HELP)
    .action(async (flags) => exit(await (await import('./commands/run.js')).runCommand(flags)));

  cli
    .command('compare')
    .description('run the same cpu work as 1 unit and as N units in every mode; report speedup')
    .option('--workload <name>', 'cpu', 'cpu')
    .option('--units <n>', 'units in the parallel legs')
    .option('--work <w>', 'total blocks of work (default 300, ~3 s on one core)')
    .addOption(new Option('--runtime <runtime>', `${RUNTIMES.join('|')}`).default('node'))
    .option('--python <path>', PYTHON_FLAG_HELP)
    .option('--repeat <n>', `rounds of every leg, interleaved across modes (${COMPARE_REPEAT.min}…${COMPARE_REPEAT.max}; default ${COMPARE_REPEAT.default})`)
    .option('--json', 'print only the comparison as JSON')
    .option('--csv', 'print only the comparison as CSV, one row per mode')
    .option('--record <file>', RECORD_HELP)
    .action(async (flags) => exit(await (await import('./commands/compare.js')).compareCommand(flags)));

  cli
    .command('memory')
    .description('what one more process, thread or async task costs in memory, fitted over several N')
    .option('--units <list>', 'counts of idle units to measure, e.g. 1,2,4,8,16,32', '1,2,4,8')
    .option('--measure <m>', 'pss (default), uss or rss; rss only where /proc is missing')
    .addOption(new Option('--runtime <runtime>', `${RUNTIMES.join('|')}`).default('node'))
    .option('--python <path>', PYTHON_FLAG_HELP)
    .option('--json', 'print only the fit as JSON')
    .option('--csv', 'print only the measured points as CSV, one row per mode and count, with the fit')
    .action(async (flags) => exit(await (await import('./commands/memory.js')).memoryCommand(flags)));

  cli
    .command('scenario')
    .argument('<name>', SCENARIOS.join('|'))
    .description("run one of the article's scenarios and show its timeline and outcome next to what the article says")
    .addOption(new Option('--mode <mode>', `how units run: ${MODES.join('|')} (default: the scenario's own)`))
    .addOption(new Option('--runtime <runtime>', `${RUNTIMES.join('|')} (default: node; gil is python only)`))
    .option('--python <path>', PYTHON_FLAG_HELP)
    .option('--variant <variant>', 'deadlock: pair (two locks, opposite order) or self (one lock taken twice)')
    .option('--limit <n>', 'semaphore: permits (1…256, default 3)')
    .option('--jobs <n>', 'semaphore: jobs (1…256, default 7)')
    .option('--job-seconds <s>', 'semaphore: seconds each job holds its permit (0.1…60, default 2)')
    .option('--tasks <n>', `gather: tasks (async ${LIMITS.asyncUnits.min}…${LIMITS.asyncUnits.max}, default 10000); event-loop-block: io tasks per leg (default 50)`)
    .option('--sleep <s>', 'gather: seconds each task waits (0.1…60, default 5)')
    .option('--workload <name>', 'gather: io-sleep (a timer) or http (a slow local HTTP server)')
    .option('--json', 'print only the scenario result as JSON')
    .option('--record <file>', RECORD_HELP)
    .action(async (name: string, flags) => exit(await (await import('./commands/scenario.js')).scenarioCommand(name, flags)));

  cli
    .command('watch')
    .usage('[--interval MS] [--json] [--record FILE] -- CMD [ARGS…]  |  --pid N')
    .argument('[command...]', 'the command to start and watch, after --')
    .description("watch any program's process tree on the cores: start CMD, or attach to a running pid")
    .option('--pid <n>', 'attach to a running process (Ctrl-C detaches and leaves it running)')
    .option('--interval <ms>', 'sampling interval in ms (50…5000)', '500')
    .option('--json', "print only the watch summary as JSON (the command's output goes to stderr)")
    .option('--record <file>', RECORD_HELP)
    .passThroughOptions()
    .action(async (command: string[], flags) => exit(await (await import('./commands/watch.js')).watchCommand(command, flags)));

  cli
    .command('sample')
    .description('sample per-core load and memory, one line per sample, like mpstat')
    .option('--interval <ms>', 'sampling interval in ms (50…5000)', '500')
    .option('--count <k>', 'stop after K samples')
    .option('--json', 'one JSON snapshot per line')
    .action(async (flags) => exit(await (await import('./commands/sample.js')).sampleCommand(flags)));

  cli
    .command('serve')
    .description('serve the dashboard in the browser; prints its URL with the control token')
    .option('--host <host>', 'address to bind (keep loopback unless you mean it)', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free one)', '0')
    .option('--interval <ms>', 'sampling interval in ms (50…5000)', '500')
    .option('--python <path>', `${PYTHON_FLAG_HELP}; beyond loopback the page can't change it`)
    .option('--recordings <dir>', "where the dashboard's Record button saves (default ~/CoreScope/recordings)")
    .option('--token-file <file>', 'keep the token in this file (made on first use): with --port, restarts keep the same URL')
    .option('--open', 'open the dashboard in the default browser')
    .action(async (flags) => exit(await (await import('./commands/serve.js')).serveCommand(flags)));

  cli
    .command('replay')
    .argument('<file>', 'a .corescope recording')
    .description('replay a recording in the dashboard (scrub, play, ×0.5…×8); nothing can be started')
    .option('--port <port>', 'port (0 = any free one)', '0')
    .option('--json', "print only what the file holds: header, frame count, time span, damage")
    .action(async (file: string, flags) => exit(await (await import('./commands/replay.js')).replayCommand(file, flags)));

  cli
    .command('export')
    .argument('<file>', 'a .corescope recording')
    .description('a recording as Perfetto / Chrome Trace Event JSON or as CSV (one row per sample per core), on stdout')
    .option('--format <format>', 'perfetto|csv')
    .action(async (file: string, flags) => exit(await (await import('./commands/export.js')).exportCommand(file, flags)));

  return cli;
}

function exit(code: number): void {
  process.exitCode = code;
}

letStdoutReaderGo();
try {
  await program().parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : BAD_INPUT;
  else if (e instanceof InvalidInput) {
    console.error(`corescope: ${e.message}`);
    process.exitCode = BAD_INPUT;
  } else {
    console.error(`corescope: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}
