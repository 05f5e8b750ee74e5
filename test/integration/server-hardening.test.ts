/**
 * The dashboard server's guards against a hostile page or client, with a real engine, real sockets and
 * real processes: the Host header (DNS rebinding), the connection cap, a client that never reads,
 * setPython beyond loopback, and a slow Python probe that must not hold up anyone else.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WsReply } from '../../contract/wire.js';
import { ApiService } from '../../main/engine/api-service.js';
import { Engine } from '../../main/engine/engine.js';
import { findPython } from '../../main/engine/runs/python-runtime.js';
import { MAX_CONNECTIONS, startDashboard, type Dashboard } from '../../main/server/dashboard-server.js';
import { SET_PYTHON_REFUSED, socketMaySetPython } from '../../main/server/host-policy.js';
import { SEND_BUFFER_LIMIT } from '../../main/server/socket-session.js';
import { hostPids } from './helpers.js';

let engine: Engine;
let dashboard: Dashboard;
let dir: string;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'corescope-hardening-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CoreScope</title>');
  engine = new Engine({ intervalMs: 100 });
  await engine.start();
  dashboard = await startDashboard(new ApiService(engine), { host: '127.0.0.1', port: 0, rendererDir: dir });
  port = Number(new URL(dashboard.url).port);
});

afterAll(async () => {
  await engine.close();
  await dashboard.close();
  rmSync(dir, { recursive: true, force: true });
  expect(hostPids()).toEqual([]);
});

/** A page request or an upgrade with exactly these headers; resolves with the HTTP status (101: upgraded). */
function raw(path: string, headers: Record<string, string>, upgrade: boolean, to = { host: '127.0.0.1', port: () => port }): Promise<number> {
  const upgradeHeaders = upgrade
    ? { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': randomBytes(16).toString('base64') }
    : {};
  return new Promise((resolve, reject) => {
    const req = request({ host: to.host, port: to.port(), path, headers: { ...upgradeHeaders, ...headers } });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

function open(url: string, origin: string) {
  return new Promise<{ ws: WebSocket; call: (method: string, params?: unknown) => Promise<WsReply> }>((resolve, reject) => {
    const ws = new WebSocket(url, { origin });
    let next = 1;
    const waiting = new Map<number, (r: WsReply) => void>();
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if ('id' in msg) waiting.get(msg.id)?.(msg);
    });
    const call = (method: string, params?: unknown) =>
      new Promise<WsReply>((r) => {
        const id = next++;
        waiting.set(id, r);
        ws.send(JSON.stringify({ id, method, params }));
      });
    ws.on('open', () => resolve({ ws, call }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`refused: ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

const local = () => ({ url: `ws://127.0.0.1:${port}/api?token=${dashboard.token}`, origin: `http://127.0.0.1:${port}` });

async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(sockets.map((ws) => new Promise((r) => (ws.readyState === ws.CLOSED ? r(null) : (ws.once('close', r), ws.close())))));
  // the server counts a socket until it has seen the close
  for (let i = 0; i < 50 && (await raw('/api?token=' + dashboard.token, { Host: `127.0.0.1:${port}`, Origin: local().origin }, true)) !== 101; i++)
    await new Promise((r) => setTimeout(r, 20));
}

describe('the Host header', () => {
  it('answers only to its own names', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`])
      expect(await raw('/', { Host: host }, false), host).toBe(200);
    for (const host of [`evil.example:${port}`, 'evil.example', `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`])
      expect(await raw('/', { Host: host }, false), host).toBe(421);
  });

  it('refuses an upgrade naming another host, with or without the token', async () => {
    const evil = { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` };
    expect(await raw(`/api?token=${dashboard.token}`, evil, true)).toBe(421);
    expect(await raw('/api', evil, true)).toBe(421);
    // the control: the same upgrade naming this server opens
    expect(await raw(`/api?token=${dashboard.token}`, { Host: `localhost:${port}`, Origin: `http://localhost:${port}` }, true)).toBe(101);
  });
});

describe('connections', () => {
  it(`opens at most ${MAX_CONNECTIONS} sockets; the next is refused until one closes`, async () => {
    const { url, origin } = local();
    const sockets = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => open(url, origin)));
    await expect(open(url, origin)).rejects.toThrow('refused: 503');
    expect((await sockets[0].call('system')).ok).toBe(true);
    await closeAll(sockets.map((s) => s.ws));
    const again = await open(url, origin);
    expect((await again.call('system')).ok).toBe(true);
    await closeAll([again.ws]);
  });

  it('drops a client that never reads, and the server stays bounded meanwhile', async () => {
    const { url, origin } = local();
    const { ws } = await open(url, origin);
    ws.pause(); // never reads again: everything sent to it piles up on the server's side
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    let dropped = false;
    void closed.then(() => (dropped = true));
    const before = process.memoryUsage().rss;
    let peak = before;
    let sent = 0;
    for (let round = 0; round < 400 && !dropped; round++) {
      for (let i = 0; i < 50 && ws.readyState === ws.OPEN; i++, sent++) ws.send(JSON.stringify({ id: sent, method: 'scenarios' })); // a few KB back for a few bytes asked
      await new Promise((r) => setTimeout(r, 10));
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
    expect(dropped).toBe(true);
    // what the server held for it is bounded by the send-buffer limit, not by how much was asked
    expect(peak - before).toBeLessThan(4 * SEND_BUFFER_LIMIT);
    console.log(`never-reading client: dropped after ${sent} requests; server RSS grew ${((peak - before) / 2 ** 20).toFixed(1)} MiB at most`);
    const other = await open(url, origin);
    expect((await other.call('system')).ok).toBe(true);
    await closeAll([other.ws]);
  });
});

describe('setPython over a socket', () => {
  it('is refused on a server bound beyond loopback (a pure rule of the --host value)', () => {
    expect(socketMaySetPython('127.0.0.1')).toBe(true);
    expect(socketMaySetPython('localhost')).toBe(true);
    expect(socketMaySetPython('::1')).toBe(true);
    expect(socketMaySetPython('0.0.0.0')).toBe(false);
    expect(socketMaySetPython('192.168.1.20')).toBe(false);
  });

  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

  it.skipIf(lan === undefined)('is refused on a real server bound to this machine’s LAN address, and the setting is unchanged', async () => {
    const python = await findPython();
    const served = await startDashboard(new ApiService(engine), { host: lan as string, port: 0, rendererDir: dir });
    try {
      const at = new URL(served.url);
      const client = await open(`ws://${at.host}/api?token=${served.token}`, at.origin);
      const before = (await client.call('system')) as { result: { python: unknown } };
      expect(await client.call('setPython', python?.path ?? '/usr/bin/python3')).toEqual({ id: 2, ok: false, error: SET_PYTHON_REFUSED });
      expect(await client.call('setPython', null)).toEqual({ id: 3, ok: false, error: SET_PYTHON_REFUSED });
      expect(((await client.call('system')) as { result: { python: unknown } }).result.python).toEqual(before.result.python);
      await closeAll([client.ws]);
    } finally {
      await served.close();
    }
  });

  it('a 3 s probe on one socket delays neither another socket’s system() nor a page load by 100 ms', async () => {
    const fakeDir = mkdtempSync(join(tmpdir(), 'cs-sleeper-'));
    const sleeper = join(fakeDir, 'python3');
    writeFileSync(sleeper, '#!/bin/sh\nsleep 3\necho 2.7.18\necho "$0"\n');
    chmodSync(sleeper, 0o755);
    const { url, origin } = local();
    const a = await open(url, origin);
    const b = await open(url, origin);
    try {
      const t0 = performance.now();
      const probing = a.call('setPython', sleeper);
      const delays: number[] = [];
      while (performance.now() - t0 < 2500) {
        let s = performance.now();
        expect((await b.call('system')).ok).toBe(true);
        delays.push(performance.now() - s);
        s = performance.now();
        expect(await raw('/', { Host: `127.0.0.1:${port}` }, false)).toBe(200);
        delays.push(performance.now() - s);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(Math.max(...delays)).toBeLessThan(100);
      expect(await probing).toMatchObject({ ok: false, error: `${sleeper} is Python 2.7.18; CoreScope needs 3.8+ (pass --python PATH to another one)` });
      expect(performance.now() - t0).toBeGreaterThan(2900); // the probe really took its 3 s
      console.log(`during a 3 s probe: ${delays.length} requests from another client, slowest ${Math.max(...delays).toFixed(1)} ms`);
    } finally {
      await closeAll([a.ws, b.ws]);
      rmSync(fakeDir, { recursive: true, force: true });
    }
  });
});
