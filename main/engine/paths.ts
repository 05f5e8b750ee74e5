/**
 * Where the built workload hosts live. One helper for every way CoreScope runs: from source (tests,
 * bench), from the bundled CLI in dist/, and from a packaged Electron app, where scripts must be run
 * from app.asar.unpacked because neither fork nor Worker can execute files inside an asar archive.
 */
import { existsSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`CoreScope: no package.json above ${from}`);
    dir = up;
  }
}

const unpacked = (p: string) => p.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`);

export type HostScript = 'loop-host' | 'thread-host' | 'scenario-host' | 'python-host' | 'tree-watchdog';

export function hostScript(name: HostScript): string {
  // the Python host is not built: it runs from its sources in workloads/python
  const file = unpacked(
    name === 'python-host' ? join(projectRoot(), 'workloads', 'python', 'host.py') : join(projectRoot(), 'dist', 'workloads', 'hosts', `${name}.mjs`),
  );
  if (!existsSync(file)) throw new Error(`CoreScope: ${file} is missing; run "npm run build" first`);
  return file;
}

/** The built renderer (electron-vite's output), served by the dashboard and loaded by the window. */
export const rendererDir = (): string => join(projectRoot(), 'out', 'renderer');
