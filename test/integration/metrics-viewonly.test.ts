/**
 * GET /metrics and the view-only link on a real server on loopback, with a real engine running real
 * threads: the token guard, the exposition format (a strict line parser, and Prometheus' own promtool
 * where it is installed), counters that grow, the unit cap, and a viewer refused every control method.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHODS, WS_METHODS } from '../../contract/methods.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { startDashboard, type Dashboard } from '../../main/server/dashboard-server.js';
import { FOLDED_UNIT, UNIT_SERIES_PER_RUN } from '../../main/server/unit-series.js';
import { tryOpen } from '../support/socket-client.js';
import { hostPids, waitFor } from './helpers.js';

let engine: Engine;
let dashboard: Dashboard;
let dir: string;
let origin: string;
const viewToken = () => new URL(dashboard.viewUrl).searchParams.get('token') ?? '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corescope-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CoreScope</title>');
  engine = new Engine({ intervalMs: 100 });
  await engine.start();
  dashboard = await startDashboard(new ApiService(engine), { host: '127.0.0.1', port: 0, rendererDir: dir, metrics: engine });
  origin = new URL(dashboard.url).origin;
});

afterAll(async () => {
  await engine.close();
  await dashboard.close();
  rmSync(dir, { recursive: true, force: true });
  expect(hostPids()).toEqual([]);
});

const scrape = (token?: string) => fetch(`${origin}/metrics`, { headers: token === undefined ? {} : { Authorization: `Bearer ${token}` } });

/** The text format, strictly: # HELP/# TYPE lines, then `name{label="value",…} number` and nothing else. */
function parseExposition(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') typed.add(meta[2]);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)$/.exec(line);
    if (!m) throw new Error(`not in the exposition format: ${line}`);
    const family = m[1].replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(m[1]) && !typed.has(family)) throw new Error(`sample before its # TYPE: ${line}`);
    samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return samples;
}

const hasPromtool = spawnSync('promtool', ['--version']).error === undefined;

describe('/metrics', () => {
  it('refuses a scrape without a valid bearer token, in one line', async () => {
    for (const res of [await scrape(), await scrape('guess'), await fetch(`${origin}/metrics?token=${dashboard.token}`)]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.text()).trim().split('\n')).toHaveLength(1);
    }
  });

  it('speaks Prometheus text to either token, with counters that grow and units capped per run', async () => {
    const units = UNIT_SERIES_PER_RUN + 4;
    const run = engine.startRun({ mode: 'thread', workload: 'cpu', units, durationS: 60 });
    // every thread running (known tid) before the first scrape: on a loaded machine threads start slowly
    const running = () => engine.latestSnapshot?.units.filter((u) => u.runId === run.id && u.tid !== null && u.state === 'running').length === units;
    expect(await waitFor(running, 40_000)).toBe(true);
    const first = await scrape(dashboard.token);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const a = parseExposition(await first.text());
    await new Promise((r) => setTimeout(r, 1500));
    const b = parseExposition(await (await scrape(viewToken())).text());

    const cpu0 = 'corescope_cpu_seconds_total{cpu="0",mode="user"}';
    expect(b.get(cpu0)).toBeGreaterThan(a.get(cpu0) ?? Infinity);
    const other = `corescope_unit_cpu_seconds_total{run="${run.id}",unit="${FOLDED_UNIT}",mode="user"}`;
    expect(b.get(other)).toBeGreaterThan(a.get(other) ?? Infinity);
    const unitLabels = new Set([...b.keys()].filter((k) => k.startsWith(`corescope_unit_cpu_seconds_total{run="${run.id}"`)).map((k) => /unit="([^"]+)"/.exec(k)?.[1]));
    expect(unitLabels.size).toBe(UNIT_SERIES_PER_RUN + 1);
    expect(b.get(`corescope_run_units{run="${run.id}"}`)).toBe(units);
    const cores = engine.system().logicalCores;
    const lastCpu = b.get(`corescope_unit_last_cpu{run="${run.id}",unit="0"}`);
    expect(lastCpu).toBeGreaterThanOrEqual(0);
    expect(lastCpu).toBeLessThan(cores);
    expect(b.get('corescope_memory_MemTotal_bytes')).toBeGreaterThan(0);
    expect(b.get('process_cpu_user_seconds_total')).toBeGreaterThan(0); // CoreScope's own, from prom-client
    await engine.stopRun(run.id);
    await engine.summary(run);
    const after = parseExposition(await (await scrape(dashboard.token)).text());
    expect([...after.keys()].some((k) => k.includes(`run="${run.id}"`))).toBe(false); // ended runs leave no series
  }, 90_000);

  it.skipIf(!hasPromtool)('is accepted by promtool (Debian package prometheus; skipped where it is not installed)', async () => {
    const text = await (await scrape(dashboard.token)).text();
    const checked = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    // exit 3 is lint advice (prom-client's own nodejs_*_total gauges, node_exporter's MemTotal casing); a parse error is not
    expect(`${checked.stdout}${checked.stderr}`).not.toMatch(/error/i);
  });
});

describe('the view-only link', () => {
  it('streams everything, answers reads, and refuses every control method of the table in one line', async () => {
    const viewer = await tryOpen(`ws://${new URL(origin).host}/api?token=${viewToken()}`, origin);
    expect(viewer.status).toBe('open');
    expect(await viewer.api.send({ method: 'session' })).toMatchObject({ ok: true, result: { access: 'read' } });
    expect(await viewer.api.send({ method: 'system' })).toMatchObject({ ok: true });
    const control = WS_METHODS.filter((m) => METHODS[m].access === 'control');
    expect(control).toContain('startRun');
    for (const method of control) expect(await viewer.api.send({ method, params: {} })).toMatchObject({ ok: false, error: `${method} is refused: this link is view-only` });
    expect(engine.activeRuns()).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    expect(viewer.api.pushes.some((p) => p.push === 'snapshot')).toBe(true);
    viewer.ws.close();

    const owner = await tryOpen(`ws://${new URL(origin).host}/api?token=${dashboard.token}`, origin);
    expect(await owner.api.send({ method: 'session' })).toMatchObject({ ok: true, result: { access: 'control' } });
    owner.ws.close();
  });

  it('is still refused from another origin', async () => {
    const { status } = await tryOpen(`ws://${new URL(origin).host}/api?token=${viewToken()}`, 'http://evil.example');
    expect(status).toBe(403);
  });
});
