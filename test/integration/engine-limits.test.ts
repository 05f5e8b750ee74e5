/**
 * The engine-wide limits from the CLI and over a real dashboard socket, with real hosts: a run that
 * would pass them is refused with its numbers and starts nothing. (The IPC path: electron-shell.test.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsReply } from '../../contract/wire.js';
import { ApiService } from '../../main/engine/api-service.js';
import { MAX_LIVE_OS_UNITS } from '../../main/engine/runs/engine-limits.js';
import { Engine } from '../../main/engine/engine.js';
import { findPython } from '../../main/engine/runs/python-runtime.js';
import { startDashboard, type Dashboard } from '../../main/server/dashboard-server.js';
import { hostPids, runCli, waitFor } from './helpers.js';

const python = await findPython();
let engine: Engine;
let dashboard: Dashboard;
let dir: string;
let call: (method: string, params?: unknown) => Promise<WsReply>;
let ws: WebSocket;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corescope-limits-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  engine = new Engine({ intervalMs: 200 });
  await engine.start();
  dashboard = await startDashboard(new ApiService(engine), { host: '127.0.0.1', port: 0, rendererDir: dir });
  const at = new URL(dashboard.url);
  ws = new WebSocket(`ws://${at.host}/api?token=${dashboard.token}`, { origin: at.origin });
  const waiting = new Map<number, (r: WsReply) => void>();
  let next = 1;
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString());
    if ('id' in msg) waiting.get(msg.id)?.(msg);
  });
  call = (method, params) =>
    new Promise((r) => {
      const id = next++;
      waiting.set(id, r);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await new Promise((r) => ws.once('open', r));
});

afterAll(async () => {
  ws.close();
  await engine.close();
  await dashboard.close();
  rmSync(dir, { recursive: true, force: true });
  expect(hostPids()).toEqual([]);
});

describe('engine-wide limits', () => {
  it('the CLI refuses a run whose units × MB pass half the available memory, with the numbers, before starting anything', async () => {
    // async: were the limit ever gone, one host (not 256) would start, and only for 0.1 s
    const r = await runCli(['run', '--mode', 'async', '--workload', 'mem', '--units', '256', '--mb', '4096', '--duration', '0.1'], 20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused: 256 × 4096 MB = 1\.0 TB would pass half the available memory \(\d+\.\d GB of \d+\.\d GB\)/);
    expect(hostPids()).toEqual([]);
  });

  it('the socket refuses the same, and starts nothing', async () => {
    const reply = await call('startRun', { mode: 'thread', workload: 'mem', units: 256, mb: 4096 });
    expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^refused: 256 × 4096 MB = 1\.0 TB would pass half the available memory/) });
    expect(engine.activeRuns()).toBe(0);
  });

  it.skipIf(python === null)(`the socket refuses the unit that would pass ${MAX_LIVE_OS_UNITS} live threads across runs`, async () => {
    // Python threads are cheap enough to hold 512 of them on a shared machine; Node workers are not
    const spec = { mode: 'thread', runtime: 'python', workload: 'io-sleep', units: 256, durationS: 30 };
    const a = await call('startRun', spec);
    const b = await call('startRun', spec);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const third = await call('startRun', { ...spec, units: 1 });
    expect(third).toEqual({
      id: expect.any(Number),
      ok: false,
      error: "refused: 1 thread units beside the 512 live processes and threads would make 513, above the engine's 512 across all runs",
    });
    expect(engine.activeRuns()).toBe(2);
    // an async task is not an OS thread: it still starts
    const async = await call('startRun', { mode: 'async', workload: 'io-sleep', units: 10, durationS: 0.2 });
    expect(async.ok).toBe(true);
    for (const r of [a, b]) await call('stopRun', (r as { result: { runId: string } }).result.runId);
    expect(await waitFor(() => engine.activeRuns() === 0, 10_000)).toBe(true);
  });
});
