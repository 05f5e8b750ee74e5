/**
 * Watching over the dashboard's socket, with a real engine, a real server and real processes: the
 * picker lists a process found by searching, attaching to it is allowed and stopping detaches (it keeps
 * running; a view-only link may list but not attach); starting a command is refused with one plain
 * line (a web page must not run programs here) and nothing is started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../contract/run-events.js';
import type { Snapshot } from '../../contract/snapshot.js';
import type { ProcessInfo } from '../../contract/watch.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { startDashboard, type Dashboard } from '../../main/server/dashboard-server.js';
import { desktopOnlyRefused } from '../../main/server/host-policy.js';
import { tryOpen } from '../support/socket-client.js';
import { alive, hostPids, waitFor } from './helpers.js';

let engine: Engine;
let dashboard: Dashboard;
let dir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corescope-watch-socket-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CoreScope</title>');
  engine = new Engine({ intervalMs: 200 });
  await engine.start();
  dashboard = await startDashboard(new ApiService(engine), { host: '127.0.0.1', port: 0, rendererDir: dir });
});

afterAll(async () => {
  for (const c of started) c.kill('SIGKILL');
  await engine.close();
  await dashboard.close();
  rmSync(dir, { recursive: true, force: true });
  expect(hostPids()).toEqual([]);
});

async function connect(token = dashboard.token) {
  const port = new URL(dashboard.url).port;
  const opened = await tryOpen(`ws://127.0.0.1:${port}/api?token=${token}`, `http://127.0.0.1:${port}`);
  expect(opened.status).toBe('open');
  return opened;
}

/** pids of processes whose command line is exactly this (NULs between the arguments) */
const processesRunning = (argv: string[]) =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, 'utf8') === `${argv.join('\0')}\0`;
      } catch {
        return false;
      }
    });

describe('watching over the socket', () => {
  it('refuses watchCommand in one line, and starts nothing', async () => {
    const { ws, api } = await connect();
    const argv = ['sleep', '4711.25'];
    const reply = await api.send({ method: 'watchCommand', params: { argv } });
    expect(reply).toMatchObject({ ok: false, error: desktopOnlyRefused('watchCommand') });
    expect((reply as { error: string }).error.split('\n')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(processesRunning(argv)).toEqual([]);
    expect(engine.activeRuns()).toBe(0);
    ws.close();
  });

  it('lists a process found by search, attaches to it, and detaches leaving it running', async () => {
    const sleeper = spawn('sleep', ['4711.5'], { stdio: 'ignore' });
    started.push(sleeper);
    const pid = sleeper.pid as number;
    const { ws, api } = await connect();

    const listed = await api.send({ method: 'listProcesses', params: { query: '4711.5' } });
    expect(listed.ok).toBe(true);
    const rows = (listed as { result: ProcessInfo[] }).result;
    expect(rows.map((r) => r.pid)).toContain(pid);
    expect(rows.find((r) => r.pid === pid)).toMatchObject({ name: 'sleep', cmdline: 'sleep 4711.5' });
    expect(rows.every((r) => `${r.pid} ${r.name} ${r.user} ${r.cmdline}`.includes('4711.5'))).toBe(true);

    const bad = await api.send({ method: 'watchPid', params: { pid: -3 } });
    expect(bad).toMatchObject({ ok: false, error: 'pid must be between 1 and 4194304', field: 'pid' });

    const attached = await api.send({ method: 'watchPid', params: { pid } });
    expect(attached.ok, JSON.stringify(attached)).toBe(true);
    const { runId } = (attached as { result: { runId: string } }).result;
    const events = () => api.pushes.filter((p) => p.push === 'run-event').map((p) => p.data as RunEvent);
    const snapshots = () => api.pushes.filter((p) => p.push === 'snapshot').map((p) => p.data as Snapshot);
    expect(await waitFor(() => events().some((e) => e.type === 'run-started' && e.runId === runId && e.watch?.rootPid === pid), 3000)).toBe(true);
    // the watched thread arrives as a unit of the run, named and with its kernel state
    expect(
      await waitFor(() => snapshots().some((s) => s.units.some((u) => u.runId === runId && u.pid === pid && u.watch?.name === 'sleep' && u.watch.os === 'S')), 5000),
    ).toBe(true);

    expect(await api.send({ method: 'stopRun', params: runId })).toMatchObject({ ok: true });
    expect(await waitFor(() => events().some((e) => e.type === 'run-ended' && e.runId === runId), 3000)).toBe(true);
    expect(alive(pid)).toBe(true); // detached, not ended

    // the view-only link may list (a read) but not attach (control)
    const viewer = await connect(new URL(dashboard.viewUrl).searchParams.get('token') as string);
    expect((await viewer.api.send({ method: 'listProcesses', params: { query: '4711.5' } })).ok).toBe(true);
    expect(await viewer.api.send({ method: 'watchPid', params: { pid } })).toMatchObject({ ok: false, error: 'watchPid is refused: this link is view-only' });
    expect(engine.activeRuns()).toBe(0);
    viewer.ws.close();
    sleeper.kill('SIGKILL');
    ws.close();
  });
});
