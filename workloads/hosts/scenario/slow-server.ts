/** Starts slow-http-server.ts as a child of this process and waits until it listens. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const START_TIMEOUT_MS = 10_000;

export function startSlowServer(): Promise<{ url: string; close: () => void }> {
  const child = fork(fileURLToPath(new URL('./slow-http-server.mjs', import.meta.url)), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
  });
  const close = () => void child.kill('SIGKILL');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      close();
      reject(new Error('the slow HTTP server did not start'));
    }, START_TIMEOUT_MS);
    child.once('message', (m: { kind: string; port: number }) => {
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${m.port}`, close });
    });
    child.once('exit', () => reject(new Error('the slow HTTP server exited')));
  });
}
