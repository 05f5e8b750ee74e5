/** The web dashboard's guards and API over a real WebSocket, with a real engine behind it. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../contract/run-events.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { startDashboard, type Dashboard } from '../../main/server/dashboard-server.js';
import { tryOpen } from '../support/socket-client.js';
import { hostPids } from './helpers.js';

let engine: Engine;
let dashboard: Dashboard;
let dir: string;
let origin: string;
let wsUrl: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corescope-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CoreScope</title>');
  engine = new Engine({ intervalMs: 100 });
  await engine.start();
  dashboard = await startDashboard(new ApiService(engine), { host: '127.0.0.1', port: 0, rendererDir: dir });
  const url = new URL(dashboard.url);
  origin = url.origin;
  wsUrl = `ws://${url.host}/api?token=${dashboard.token}`;
});

afterAll(async () => {
  await engine.close();
  await dashboard.close();
  rmSync(dir, { recursive: true, force: true });
  expect(hostPids()).toEqual([]);
});

describe('who may connect', () => {
  it('serves the page with a strict CSP and nothing outside its folder', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('never serves a file outside its folder, in any spelling', async () => {
    // the secret sits beside the served folder, and in a sibling whose name starts like it: an
    // unguarded server would serve both (a 404 alone could not tell a guard from a missing file)
    const secret = `secret-${process.pid}-${Date.now()}`;
    writeFileSync(join(dir, '..', `${basename(dir)}.secret`), secret);
    mkdirSync(`${dir}-evil`);
    writeFileSync(join(`${dir}-evil`, 'secret.txt'), secret);
    writeFileSync(join(dir, 'inside.txt'), secret); // the control: the same content, inside, is served
    const name = basename(dir);
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: new URL(origin).port, path, headers: { Host: new URL(origin).host } }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get('/inside.txt')).toEqual({ status: 200, body: secret });
      for (const path of [
        `/../${name}.secret`,
        `/..%2F${name}.secret`,
        `/%2e%2e/${name}.secret`,
        `/%2E%2E%2F${name}.secret`,
        `/..%5C${name}.secret`,
        `//..//${name}.secret`,
        `/../${name}-evil/secret.txt`,
        `/%2e%2e%2f${name}-evil%2fsecret.txt`,
        `/./../${name}-evil/./secret.txt`,
      ]) {
        const res = await get(path);
        expect(res.body, path).not.toContain(secret);
        expect([400, 404], path).toContain(res.status);
      }
    } finally {
      rmSync(join(dir, '..', `${name}.secret`), { force: true });
      rmSync(`${dir}-evil`, { recursive: true, force: true });
    }
  });

  it('refuses a socket without the token', async () => {
    const { status } = await tryOpen(wsUrl.replace(/token=[^&]+/, ''), origin);
    expect(status).toBe(401);
  });

  it('refuses a socket with a wrong token', async () => {
    const { status } = await tryOpen(wsUrl.replace(/token=[^&]+/, 'token=guess'), origin);
    expect(status).toBe(401);
  });

  it('refuses a socket from another origin, even with the token', async () => {
    const { status } = await tryOpen(wsUrl, 'http://evil.example');
    expect(status).toBe(403);
  });
});

describe('the API over the socket', () => {
  it('answers, validates, runs and streams', async () => {
    const { status, ws, api } = await tryOpen(wsUrl, origin);
    expect(status).toBe('open');
    const { send, pushes } = api;

    const system = await send({ method: 'system' });
    expect(system).toMatchObject({ ok: true, result: { logicalCores: expect.any(Number) } });
    // version(): added as one row of the method table and one engine handler, served here untouched
    const { version: app } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(await send({ method: 'version' })).toMatchObject({ ok: true, result: { app, contract: expect.any(Number), node: process.versions.node } });

    expect(await send({ method: 'launchMissiles' })).toMatchObject({ ok: false, error: expect.stringContaining('method must be one of') });
    expect(await send('not json')).toMatchObject({ ok: false, error: 'requests are JSON text' });
    expect(await send({ method: 'startRun', params: { mode: 'thread', workload: 'cpu', units: 0 } })).toEqual({
      id: expect.any(Number),
      ok: false,
      error: 'units must be between 1 and 256 in thread mode',
      field: 'units',
    });
    expect(engine.activeRuns()).toBe(0);

    const started = await send({ method: 'startRun', params: { mode: 'thread', workload: 'io-sleep', units: 2, durationS: 30 } });
    expect(started).toMatchObject({ ok: true, result: { runId: expect.stringMatching(/^r\d+$/) } });
    const runId = (started as { result: { runId: string } }).result.runId;
    await new Promise((r) => setTimeout(r, 600));
    expect(pushes.some((p) => p.push === 'snapshot' && p.data.units.some((u) => u.runId === runId))).toBe(true);

    // a page that opens mid-run learns of the run at once
    const late = await tryOpen(wsUrl, origin);
    const latePushes = late.api.pushes;
    await new Promise((r) => setTimeout(r, 200));
    expect(latePushes.some((p) => p.push === 'run-event' && p.data.type === 'run-started' && p.data.runId === runId)).toBe(true);
    expect(latePushes.filter((p) => p.push === 'run-event' && p.data.type === 'unit-state' && p.data.runId === runId)).toHaveLength(2);
    late.ws.close();

    expect(await send({ method: 'stopRun', params: runId })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 300));
    const events = pushes.filter((p): p is { push: 'run-event'; data: RunEvent } => p.push === 'run-event').map((p) => p.data.type);
    expect(events).toContain('run-started');
    expect(events).toContain('run-ended');
    ws.close();
  });

  it('sends the run events of one turn as batches: 3,000 tasks, every state change, in order, in far fewer messages', async () => {
    const { ws, api } = await tryOpen(wsUrl, origin);
    const started = await api.send({ method: 'startRun', params: { mode: 'async', workload: 'io-sleep', units: 3000, durationS: 1 } });
    expect(started).toMatchObject({ ok: true });
    const runId = (started as { result: { runId: string } }).result.runId;
    const ofRun = () => api.pushes.flatMap((p) => (p.push === 'run-event' && p.data.runId === runId ? [p.data] : []));
    const deadline = Date.now() + 20_000;
    while (!ofRun().some((e) => e.type === 'run-ended') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const events = ofRun();
    expect(events[0]).toMatchObject({ type: 'run-started' });
    expect(events.at(-1)).toMatchObject({ type: 'run-ended' });
    // each task: running, then waiting(io), then done — every change reached the page, each unit's in order
    const states = new Map<number, string[]>();
    for (const e of events) if (e.type === 'unit-state') states.set(e.unitId, [...(states.get(e.unitId) ?? []), e.state]);
    expect(states.size).toBe(3000);
    for (const seen of states.values()) expect(seen.at(-1)).toBe('done');
    const unitEvents = events.length - 2;
    expect(unitEvents).toBeGreaterThanOrEqual(6000);
    // one message per event before: now the snapshots (~10 a second) and a few batches
    expect(api.messages.pushes).toBeLessThan(unitEvents / 10);
    ws.close();
  });

  it('drops a message larger than the limit', async () => {
    const { ws } = await tryOpen(wsUrl, origin);
    ws.on('error', () => undefined); // the server cuts the frame short; only the close matters here
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 1, method: 'system', params: 'x'.repeat(64 * 1024) }));
    expect([1006, 1009]).toContain(await closed);
    expect(engine.activeRuns()).toBe(0);
  });
});
