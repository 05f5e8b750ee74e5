/** What the integration tests share: run the real CLI, and find the workload hosts that are alive. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = `${ROOT}bin/corescope.js`;

/**
 * Options for a test that measures CPU or time on the real machine: one retry, because a burst of
 * load from outside the suite (the machine is shared) can spoil one measurement; a real regression
 * fails twice.
 */
export const MEASURES_CPU = { retry: 1 } as const;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every process these tests start carries this mark in its environment, and so do its hosts. */
export const TEST_MARK = `CORESCOPE_TEST_RUN=${process.pid}`;

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const [key, value] = TEST_MARK.split('=');
  return spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env, [key]: value } });
}

/**
 * The reader sets a test runs with: here, on Linux, the /proc readers and the portable ones (the path
 * macOS and Windows take), so that both are proven on every run; a test's name says which.
 */
export const READER_SETS = [
  { readers: 'proc', env: { CORESCOPE_READERS: 'proc' } },
  { readers: 'portable', env: { CORESCOPE_READERS: 'portable' } },
] as const;

export function runCli(args: string[], timeoutMs = 60_000, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`corescope ${args.join(' ')} took over ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const cmdline = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};
const marked = (pid: string) => {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(TEST_MARK);
  } catch {
    return false;
  }
};
const ppid = (pid: string) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return -1;
  }
};

const isHost = (pid: string) => {
  const line = cmdline(pid);
  // a spawned multiprocessing unit (and spawn's resource tracker) runs `python -c "from multiprocessing…"`
  return line.includes('/dist/workloads/hosts/') || line.includes('/workloads/python/') || line.includes('from multiprocessing');
};

/**
 * Every workload host these tests started that is alive now (optionally: only the children of `parent`);
 * Python hosts and their multiprocessing units too (a forked unit keeps its host's command line).
 */
export function hostPids(parent?: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && isHost(d) && marked(d))
    .filter((d) => parent === undefined || ppid(d) === parent)
    .map(Number);
}

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs: number, stepMs = 50): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end) return undefined;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
