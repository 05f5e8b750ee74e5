/** The CLI's recordings end to end: `run --record`, `replay --json`, `export`, a damaged file, bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRecording } from '../../lib/recording/decode.js';
import { hostPids, runCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'corescope-record-'));
const file = join(dir, 'r.corescope');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('recording from the CLI', () => {
  let summary: { unitResults: Array<{ tid: number | null }> };
  beforeAll(async () => {
    const run = await runCli(['run', '--mode', 'process', '--units', '2', '--workload', 'cpu', '--duration', '2', '--interval', '250', '--record', file, '--json']);
    expect(run.code, run.stderr).toBe(0);
    summary = JSON.parse(run.stdout);
  });

  it('replay --json prints the header, the frame count and the time span', async () => {
    const r = await runCli(['replay', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.header).toMatchObject({ format: 'corescope-recording', formatVersion: 1, system: { logicalCores: expect.any(Number), intervalMs: 250 } });
    expect(info.header.workloads).toBeUndefined();
    expect(info.frames).toBe(decodeRecording(readFileSync(file)).frames.length);
    expect(info.streams.snapshot).toBeGreaterThanOrEqual(8);
    expect(info.spanMs).toBeGreaterThanOrEqual(2000);
    expect(info).toMatchObject({ indexed: true, damage: null });
    expect(hostPids()).toEqual([]);
  });

  it('export --format perfetto names every unit and has a counter per core per sample; csv a row per sample per core', async () => {
    const rec = decodeRecording(readFileSync(file));
    const snaps = rec.frames.filter((f) => f.stream === 'snapshot').length;
    const p = await runCli(['export', file, '--format', 'perfetto']);
    expect(p.code, p.stderr).toBe(0);
    const ev = JSON.parse(p.stdout).traceEvents as Array<{ ph: string; name: string; tid?: number; ts?: number }>;
    const named = new Set(ev.filter((e) => e.name === 'thread_name').map((e) => e.tid));
    for (const u of summary.unitResults) expect(named).toContain(u.tid);
    expect(ev.filter((e) => e.ph === 'C' && e.name === 'cpu 0 busy %')).toHaveLength(snaps);
    const c = await runCli(['export', file, '--format', 'csv']);
    const rows = c.stdout.trim().split('\n');
    expect(rows).toHaveLength(1 + snaps * rec.header.system.logicalCores);
    // times count from the recording's start, which is its first frame (the sample taken before it began)
    expect(rows.slice(1).filter((r) => Number(r.split(',')[0]) < 0)).toEqual([]);
    expect(rows[1].split(',')[0]).toBe('0.000');
    const cpu0 = ev.filter((e) => e.ph === 'C' && e.name === 'cpu 0 busy %').map((e) => e.ts as number);
    expect(cpu0.every((ts, i) => i === 0 || ts > cpu0[i - 1])).toBe(true); // none clamped onto another
  });

  it('a truncated file: one line naming the chunk, the frames before it still export', async () => {
    const bytes = readFileSync(file);
    const rec = decodeRecording(bytes);
    const cut = join(dir, 'cut.corescope');
    writeFileSync(cut, bytes.subarray(0, rec.chunks.at(-1)!.offset + 50));
    const r = await runCli(['replay', cut, '--json']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(new RegExp(`chunk ${rec.chunks.length} \\(from frame \\d+\\) cut short`));
    expect(JSON.parse(r.stdout).frames).toBe(rec.chunks.at(-1)!.firstFrame);
  });

  it('watch --record: a watched command\'s tree, from its start to its end', async () => {
    const watched = join(dir, 'watch.corescope');
    const busy = 'const t = Date.now(); while (Date.now() - t < 1500);';
    const w = await runCli(['watch', '--interval', '250', '--record', watched, '--json', '--', process.execPath, '-e', busy]);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stderr).toMatch(/recorded \d+ frames \(\d+ KB\) to /);
    const rec = decodeRecording(readFileSync(watched));
    expect([rec.damage, rec.indexed]).toEqual([null, true]);
    const events = rec.frames.flatMap((f) => (f.stream === 'runEvent' ? [f.data] : []));
    const started = events.find((e) => e.type === 'run-started');
    expect(started).toMatchObject({ watch: { attached: false } });
    expect(events.find((e) => e.type === 'run-ended' && e.runId === started?.runId)).toMatchObject({ watch: { exitCode: 0 } });
    expect(rec.frames.filter((f) => f.stream === 'snapshot').length).toBeGreaterThanOrEqual(4);
    // in Perfetto the run is named by its command (a watch run's spec is a placeholder)
    const p = await runCli(['export', watched, '--format', 'perfetto']);
    const runs = (JSON.parse(p.stdout).traceEvents as Array<{ cat?: string; name: string }>).filter((e) => e.cat === 'run');
    expect(runs.map((e) => e.name)).toEqual([`run ${started?.runId}: watch ${started?.type === 'run-started' ? started.watch?.command : ''}`]);
  });

  it('bad input: one line, exit 2, nothing written', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['run', '--mode', 'thread', '--units', '1', '--workload', 'cpu', '--duration', '1', '--record', join(dir, 'no/such/dir.corescope')], /cannot record to .*: no such folder/],
      [['export', file, '--format', 'svg'], /format must be one of perfetto, csv/],
      [['replay', join(dir, 'missing.corescope'), '--json'], /cannot read .*: no such file/],
      [['replay', join(dir, '..'), '--json'], /it is a folder/],
    ];
    writeFileSync(join(dir, 'text.corescope'), 'hello');
    cases.push([['export', join(dir, 'text.corescope'), '--format', 'csv'], /not a CoreScope recording/]);
    for (const [args, message] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(hostPids()).toEqual([]);
  });
});
