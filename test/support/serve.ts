/** A real `corescope serve` for end-to-end tests: started like the integration tests' CLI (marked), closed with Ctrl-C. */
import type { ChildProcess } from 'node:child_process';
import { startCli } from '../integration/helpers.js';

export interface Served {
  url: string;
  /** the view-only link serve prints after the control one (null if it printed none) */
  viewUrl(): string | null;
  pid: number;
  close(): Promise<void>;
}

/** `env`: extra environment for the server and so its hosts (CORESCOPE_INJECT_FAULT, for a test of crash reporting). */
export async function serve(args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<Served> {
  const child: ChildProcess = startCli(['serve', '--port', '0', ...args], env);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`corescope serve printed no URL in 20 s: ${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /https?:\/\/\S+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`corescope serve exited (${code}): ${out}`)));
  });
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    url,
    viewUrl: () => /View-only link[^:]*: (\S+)/.exec(out)?.[1] ?? null,
    pid: child.pid ?? -1,
    close: async () => {
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
