/**
 * Thousands of generated bad inputs (fast-check), over a real WebSocket to a real dashboard server and
 * through every IPC handler of the Electron stand-in: valid-shaped with wrong types, boundary and
 * non-finite numbers, huge and unicode strings, deep nesting, unknown and __proto__ keys, binary
 * frames, wrong ids. Each must get exactly one refusal, none may start a run or change a setting, and
 * the server must still answer afterwards. Every payload is invalid by the contract's own schema (the
 * generator filters on it), so a refusal is always the right answer. FUZZ_SEED=… replays a failure.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { z } from 'zod';
import { IPC_METHODS, METHODS, WS_METHODS, channelOf, type MethodName } from '../../contract/methods.js';
import { type RunEvent } from '../../contract/run-events.js';
import { WsRequestSchema } from '../../contract/wire.js';
import { hostPids } from './helpers.js';

const showSaveDialog = vi.hoisted(() => ({ calls: 0 }));
vi.mock('electron', () => ({
  // capture.ts's only use of electron at run time; a refused request must never get this far
  dialog: { showSaveDialog: async () => (showSaveDialog.calls++, { canceled: true }) },
}));

const { ApiService } = await import('../../main/engine/api-service.js');
const { Engine } = await import('../../main/engine/engine.js');
const { startDashboard } = await import('../../main/server/dashboard-server.js');
const { registerIpc } = await import('../../main/electron/ipc.js');
const { savePngHandler, saveReportHandler } = await import('../../main/electron/save-file.js');

const RUNS = 10_000;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Every method of the contract's table a transport serves, each with the schema its argument must fail. */
const withSchema = (methods: readonly MethodName[]) => methods.map((m): [MethodName, z.ZodType] => [m, METHODS[m].params]);
const PARAMS = withSchema(WS_METHODS);

const nested = (depth: number, leaf: unknown): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { units: v };
  return v;
};

/** One bad value: wrong types, edges and non-finite numbers, big and unicode strings, nesting. */
const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity, '', ' ', '0', 'r0', 'r1234567'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('x'.repeat(12_000), '𝕏'.repeat(2_500), '\u0000\u202e\ud800', '/nonexistent-fuzz/python3', '//host/share/python.exe', '\\\\host\\s\\python.exe'),
  fc.integer({ min: 1, max: 1500 }).map((d) => nested(d, 1)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.anything({ maxDepth: 3, withNullPrototype: true }),
);

/** Valid-looking shapes, each with one field made wrong or an unknown key added (__proto__ included). */
const BASES: Record<string, Record<string, unknown>> = {
  startRun: { mode: 'async', workload: 'io-sleep', units: 1, durationS: 0.1 },
  runScenario: { name: 'gather', mode: 'async', tasks: 1, sleepS: 0.1 },
  runCompare: { units: 2, work: 1 },
  runMemoryCost: { units: [1, 2] },
  savePng: { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), name: 'chart' },
  saveReport: { html: '<!doctype html><title>r</title>', name: 'report' },
};
const KEYS = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'spec', 'ümlaut', ''), fc.string({ maxLength: 12 }));
const shaped = (base: Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...Object.keys(base)), badValue).map(([k, v]) => ({ ...base, [k]: v })),
    // JSON.parse makes "__proto__" an own key, as it arrives from a socket
    fc.tuple(KEYS, badValue).map(([k, v]) => JSON.parse(`{${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'},${JSON.stringify(base).slice(1)}`) as unknown),
  );

const paramsFor = (method: MethodName): fc.Arbitrary<unknown> => (BASES[method] ? fc.oneof(badValue, shaped(BASES[method])) : badValue);

/** An argument for `method` that, after the transport's own copying, its schema refuses. */
function invalidArg(method: MethodName, schema: z.ZodType, copy: (v: unknown) => unknown): fc.Arbitrary<unknown> {
  return paramsFor(method)
    .map(copy)
    .filter((v) => !schema.safeParse(v).success);
}

const jsonCopy = (v: unknown): unknown => {
  const text = JSON.stringify(v);
  return text === undefined ? undefined : JSON.parse(text);
};
/** Electron copies IPC arguments with the structured clone algorithm: this is that copy. */
const ipcCopy = (v: unknown): unknown => structuredClone(v);

type Frame = { text: string } | { binary: Uint8Array };
const frame: fc.Arbitrary<Frame> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }).map((binary) => ({ binary })),
  fc.string({ maxLength: 60 }).filter((t) => {
    try {
      JSON.parse(t);
      return false;
    } catch {
      return true;
    }
  }).map((text) => ({ text })),
  // JSON that is no request: wrong or missing ids, unknown methods, extra keys, other shapes
  fc
    .oneof(
      fc.record({ id: badValue, method: fc.constantFrom('system', 'startRun') }),
      fc.record({ id: fc.nat(), method: fc.oneof(fc.string({ maxLength: 20 }), badValue) }),
      fc.record({ id: fc.nat(), method: fc.constant('system'), [`x`]: badValue }),
      fc.constant(JSON.parse('{"id":1,"method":"system","__proto__":{"admin":true}}')),
      badValue,
    )
    .map(jsonCopy)
    .filter((v) => !WsRequestSchema.safeParse(v).success)
    .map((v) => ({ text: JSON.stringify(v) ?? 'undefined' })),
  fc.constantFrom(...PARAMS).chain(([method, schema]) =>
    invalidArg(method, schema, jsonCopy).chain((params) => fc.nat().map((id) => ({ text: JSON.stringify({ id, method, params }) }))),
  ),
);

let engine: InstanceType<typeof Engine>;
let api: InstanceType<typeof ApiService>;
let dir: string;
const runEvents: RunEvent[] = [];
let settingsBefore: { intervalMs: number; python: unknown };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corescope-fuzz-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  engine = new Engine({ intervalMs: 1000 });
  await engine.start();
  api = new ApiService(engine);
  engine.on('run-event', (e) => runEvents.push(e));
  const sys = engine.system();
  settingsBefore = { intervalMs: sys.intervalMs, python: sys.python };
});

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
  expect(hostPids()).toEqual([]);
});

function unchanged(): void {
  expect(runEvents).toEqual([]);
  expect(engine.activeRuns()).toBe(0);
  const sys = engine.system();
  expect({ intervalMs: sys.intervalMs, python: sys.python }).toEqual(settingsBefore);
}

describe(`fuzzing (seed ${seed})`, () => {
  it(`${RUNS} bad frames over a real WebSocket: one refusal each, nothing starts, the server still answers`, async () => {
    const dashboard = await startDashboard(api, { host: '127.0.0.1', port: 0, rendererDir: dir });
    const at = new URL(dashboard.url);
    const ws = new WebSocket(`ws://${at.host}/api?token=${dashboard.token}`, { origin: at.origin });
    const replies: Array<{ ok: boolean; error?: string }> = [];
    let wake: (() => void) | null = null;
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if ('push' in msg) return;
      replies.push(msg);
      wake?.();
    });
    await new Promise((r) => ws.once('open', r));
    try {
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(frame, async (f) => {
          const before = replies.length;
          const answered = new Promise<void>((r) => (wake = r));
          if ('binary' in f) ws.send(f.binary, { binary: true });
          else ws.send(f.text);
          sent++;
          await Promise.race([answered, new Promise((r) => setTimeout(r, 2000))]);
          expect(replies.length, 'exactly one reply').toBe(before + 1);
          expect(replies.at(-1)).toMatchObject({ ok: false, error: expect.any(String) });
          expect(replies.at(-1)?.error).not.toContain('\n');
          expect(ws.readyState).toBe(ws.OPEN);
        }),
        { numRuns: RUNS, seed },
      );
      await new Promise((r) => setTimeout(r, 100)); // a late second reply would land here
      expect(replies).toHaveLength(sent);
      unchanged();
      const system = await new Promise<{ ok: boolean }>((resolve) => {
        ws.once('message', (d) => resolve(JSON.parse(d.toString())));
        ws.send(JSON.stringify({ id: 1, method: 'system' }));
      });
      expect(system.ok).toBe(true);
    } finally {
      ws.close();
      await dashboard.close();
    }
  });

  it(`${RUNS} bad arguments through every IPC handler of the stand-in: one refusal each, nothing starts`, async () => {
    const handlers = new Map<string, (event: unknown, arg: unknown) => Promise<{ ok: boolean; error?: string }>>();
    const ipcMain = { handle: (channel: string, h: never) => handlers.set(channel, h), removeHandler: (channel: string) => handlers.delete(channel) };
    const win = {};
    const trusted = () => true; // the sender check has its own tests; here every argument reaches the parsers
    const served: unknown[] = [];
    const openedRecording = async () => (served.push('openedRecording'), null);
    const offIpc = registerIpc(ipcMain as never, api, { savePng: savePngHandler(win as never), saveReport: saveReportHandler(win as never), openedRecording }, trusted);
    const methods = withSchema(IPC_METHODS);
    expect([...handlers.keys()].sort()).toEqual(IPC_METHODS.map(channelOf).sort());
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...methods).chain(([method, schema]) => invalidArg(method, schema, ipcCopy).map((arg) => [method, arg] as const)),
          async ([method, arg]) => {
            const reply = await handlers.get(channelOf(method))?.({ senderFrame: { url: 'corescope://app/index.html' } }, arg);
            expect(reply).toMatchObject({ ok: false, error: expect.any(String) });
            expect(reply?.error).not.toContain('\n');
          },
        ),
        { numRuns: RUNS, seed },
      );
      expect(served).toEqual([]);
      expect(showSaveDialog.calls).toBe(0);
      unchanged();
      expect((await handlers.get(channelOf('system'))?.({}, undefined))?.ok).toBe(true);
    } finally {
      offIpc();
    }
  });
});
