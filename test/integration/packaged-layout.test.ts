/**
 * The packaged app's layout, emulated: electron-builder packs the app and its production node_modules
 * into resources/app.asar and unpacks dist/workloads/** and workloads/python/** to app.asar.unpacked/,
 * because neither fork, Worker nor python can run a script from inside an archive. From there, Node's
 * package lookup walks up app.asar.unpacked/… and never reaches app.asar/node_modules, so every host
 * must carry its dependencies. Here app.asar is a folder holding package.json, the built CLI (the same
 * paths.ts as the Electron main, with its chunks) and node_modules, exactly what the archive holds; every host kind is
 * started through the real engine from the unpacked copy, with no node_modules above it, and must report.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TEST_MARK, hostPids, waitFor } from './helpers.js';

let top: string;
let asar: string;
let unpacked: string;

function ancestorsWithNodeModules(from: string): string[] {
  const found: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) found.push(dir);
    if (dirname(dir) === dir) return found;
  }
}

beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'cs-packaged-'));
  const resources = join(top, 'CoreScope', 'resources');
  asar = join(resources, 'app.asar');
  unpacked = join(resources, 'app.asar.unpacked');
  mkdirSync(join(asar, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(asar, 'package.json'));
  cpSync(join(ROOT, 'dist', 'cli.js'), join(asar, 'dist', 'cli.js'));
  cpSync(join(ROOT, 'dist', 'cli-chunks'), join(asar, 'dist', 'cli-chunks'), { recursive: true }); // its commands, imported when chosen
  symlinkSync(join(ROOT, 'node_modules'), join(asar, 'node_modules'), 'dir');
  cpSync(join(ROOT, 'dist', 'workloads'), join(unpacked, 'dist', 'workloads'), { recursive: true });
  cpSync(join(ROOT, 'workloads', 'python'), join(unpacked, 'workloads', 'python'), {
    recursive: true,
    filter: (src) => !src.includes('__pycache__'),
  });
});

afterAll(() => {
  rmSync(top, { recursive: true, force: true });
});

/** The packaged main's engine, started from app.asar, with its cwd outside the project. */
function corescope(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [key, value] = TEST_MARK.split('=');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(asar, 'dist', 'cli.js'), ...args, '--json'], {
      cwd: top,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, [key]: value, NODE_PATH: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

async function expectNoHostLeft() {
  expect(await waitFor(() => hostPids().length === 0, 3000)).toBe(true);
}

describe('the hosts from an app.asar.unpacked folder', () => {
  it('has no node_modules reachable above the unpacked hosts, and only node: builtins in them', () => {
    expect(ancestorsWithNodeModules(join(unpacked, 'dist', 'workloads', 'hosts'))).toEqual([]);
    const bundles = readdirSync(join(unpacked, 'dist', 'workloads', 'hosts')).filter((f) => /\.m?js$/.test(f));
    expect(bundles.length).toBeGreaterThanOrEqual(7);
    for (const file of bundles) {
      // an explicit module type: .mjs, or a package.json that says so beside them
      const typed = file.endsWith('.mjs') || existsSync(join(unpacked, 'dist', 'workloads', 'hosts', 'package.json'));
      expect(typed, `${file} has no explicit module type`).toBe(true);
      const code = readFileSync(join(unpacked, 'dist', 'workloads', 'hosts', file), 'utf8');
      const specifiers = [...code.matchAll(/(?:^|[;\s])(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm)].map(
        (m) => m[1] ?? m[2],
      );
      expect(specifiers.filter((s) => !s.startsWith('node:') && !s.startsWith('./')), file).toEqual([]);
    }
  });

  it.each([
    ['process', ['run', '--mode', 'process', '--units', '2', '--workload', 'cpu', '--duration', '0.4']],
    ['thread', ['run', '--mode', 'thread', '--units', '2', '--workload', 'cpu', '--duration', '0.4']],
    ['async', ['run', '--mode', 'async', '--units', '3', '--workload', 'io-sleep', '--duration', '0.4']],
    ['python', ['run', '--runtime', 'python', '--mode', 'process', '--units', '2', '--workload', 'cpu', '--duration', '0.4']],
  ])('starts a %s run and every unit reports', async (_kind, args) => {
    const { code, stdout, stderr } = await corescope(args);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { unitResults: Array<{ state: string; pid: number; endMs: number }> };
    expect(summary.unitResults.length).toBeGreaterThan(0);
    for (const unit of summary.unitResults) {
      expect(unit.state).toBe('done');
      expect(unit.pid).toBeGreaterThan(0);
    }
    await expectNoHostLeft();
  });

  it.each([
    ['processes', 'process'],
    ['threads', 'thread'],
  ])('starts a scenario whose units are %s, and it reaches its outcome', async (_kind, mode) => {
    const { code, stdout, stderr } = await corescope(['scenario', 'race', '--mode', mode]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { outcome: { expected: number; actual: number }; timeline: Array<{ unit: string; state: string }> };
    // both units ran to the end: each one's last state is done
    const last = new Map(result.timeline.map((e) => [e.unit, e.state]));
    expect([...last.values()]).toEqual(['done', 'done']);
    expect([10, 20, 30]).toContain(result.outcome.actual);
    await expectNoHostLeft();
  });

  it('starts the slow HTTP server for an http gather, and every request is answered', async () => {
    const { code, stdout, stderr } = await corescope(['scenario', 'gather', '--workload', 'http', '--tasks', '20', '--sleep', '0.3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { outcome: { wallMs: number }; timeline: Array<{ unit: string; state: string }> };
    const done = new Set(result.timeline.filter((e) => e.state === 'done').map((e) => e.unit));
    expect(done.size).toBe(20);
    // each task really waited on the server's delay, all at once
    expect(result.outcome.wallMs).toBeGreaterThanOrEqual(300);
    await expectNoHostLeft();
  });
});
