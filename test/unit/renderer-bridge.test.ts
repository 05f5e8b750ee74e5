import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../contract/snapshot.js';
import { ALWAYS_OPEN, describeClose } from '../../renderer/src/bridge/connection.js';
import { WsBridge, type SocketLike } from '../../renderer/src/bridge/ws-bridge.js';
import { encodeRequest, parseServerMessage } from '../../renderer/src/bridge/ws-messages.js';
import { socketUrl, tokenOf } from '../../renderer/src/bridge/ws-url.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.drop(1000, '');
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  reply(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop(code: number, reason: string) {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

const setup = (hasToken = true) => {
  const socket = new FakeSocket();
  // no reconnecting here: these tests are about one socket
  const bridge = new WsBridge(() => socket, hasToken, { schedule: () => undefined });
  return { socket, bridge };
};

describe('dashboard socket URL', () => {
  it('uses the page’s host, ws or wss to match http or https, and the token from the page URL', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:4312' }, 'abc')).toBe('ws://127.0.0.1:4312/api?token=abc');
    expect(socketUrl({ protocol: 'https:', host: 'h' }, 'a+b')).toBe('wss://h/api?token=a%2Bb');
    expect(tokenOf('?x=1&token=a%2Bb')).toBe('a+b');
    expect(tokenOf('')).toBeNull();
    expect(tokenOf('?token=')).toBeNull();
  });
});

describe('server messages', () => {
  it('tells replies from pushes and drops anything else', () => {
    expect(parseServerMessage('{"id":3,"ok":true,"result":{"a":1}}')).toEqual({ kind: 'reply', id: 3, reply: { ok: true, result: { a: 1 } } });
    expect(parseServerMessage('{"id":4,"ok":false,"error":"units must be between 1 and 256 in process mode","field":"units"}')).toEqual({
      kind: 'reply',
      id: 4,
      reply: { ok: false, error: 'units must be between 1 and 256 in process mode', field: 'units' },
    });
    expect(parseServerMessage('{"push":"run-event","data":{"type":"run-started"}}')).toMatchObject({ kind: 'push', stream: 'runEvent' });
    expect(parseServerMessage('{"push":"snapshot","data":{"cores":[]}}')).toMatchObject({ kind: 'push', stream: 'snapshot' });
    expect(parseServerMessage('{"push":"launch","data":{}}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('[1,2]')).toBeNull();
    expect(parseServerMessage('{"push":"snapshot","data":{}}')).toBeNull();
  });

  it('reads a batch of run events as the run events it carries, in order, and drops a malformed one', () => {
    const batch = { push: 'run-events', data: [{ type: 'run-started' }, { type: 'unit-state' }, { type: 'run-ended' }] };
    expect(parseServerMessage(JSON.stringify(batch))).toEqual({ kind: 'push', stream: 'runEvent', values: batch.data });
    expect(parseServerMessage('{"push":"run-events","data":{"type":"run-started"}}')).toBeNull();
    expect(parseServerMessage('{"push":"run-events","data":[{"type":"run-started"},3]}')).toBeNull();
  });

  it('encodes requests as the contract’s WsRequest', () => {
    expect(JSON.parse(encodeRequest(1, 'system'))).toEqual({ id: 1, method: 'system' });
    expect(JSON.parse(encodeRequest(2, 'stopRun', 'r1'))).toEqual({ id: 2, method: 'stopRun', params: 'r1' });
  });
});

describe('WsBridge', () => {
  it('queues calls until the socket opens, then matches replies by id', async () => {
    const { socket, bridge } = setup();
    expect(bridge.get()).toEqual({ status: 'connecting' });
    const sys = bridge.api.system();
    const run = bridge.api.startRun({ mode: 'process', workload: 'cpu', units: 2 });
    expect(socket.sent).toEqual([]);
    socket.open();
    expect(bridge.get()).toEqual({ status: 'open', epoch: 1 });
    const reqs = socket.sent.map((s) => JSON.parse(s));
    expect(reqs).toEqual([
      { id: 1, method: 'system' },
      { id: 2, method: 'startRun', params: { mode: 'process', workload: 'cpu', units: 2 } },
    ]);
    socket.reply({ id: 2, ok: true, result: { runId: 'r1' } });
    socket.reply({ id: 1, ok: true, result: { logicalCores: 2 } });
    await expect(run).resolves.toEqual({ runId: 'r1' });
    await expect(sys).resolves.toEqual({ logicalCores: 2 });
  });

  it('rejects with the server’s one-line reason when a reply is not ok', async () => {
    const { socket, bridge } = setup();
    socket.open();
    const p = bridge.api.startRun({ mode: 'process', workload: 'cpu', units: 0 });
    socket.reply({ id: 1, ok: false, error: 'units must be between 1 and 256 in process mode', field: 'units' });
    await expect(p).rejects.toThrow(/^units must be between 1 and 256 in process mode$/);
    await expect(p).rejects.toMatchObject({ field: 'units' });
  });

  it('hands pushes to listeners until they unsubscribe', () => {
    const { socket, bridge } = setup();
    socket.open();
    const got: number[] = [];
    const off = bridge.api.onSnapshot((s: Snapshot) => got.push(s.t));
    const events: string[] = [];
    bridge.api.onRunEvent((e) => events.push(e.type));
    socket.reply({ push: 'snapshot', data: { t: 1, cores: [] } });
    socket.reply({ push: 'run-event', data: { type: 'run-ended' } });
    socket.reply({ push: 'run-events', data: [{ type: 'run-started' }, { type: 'unit-state' }] });
    off();
    socket.reply({ push: 'snapshot', data: { t: 2, cores: [] } });
    expect(got).toEqual([1]);
    expect(events).toEqual(['run-ended', 'run-started', 'unit-state']);
  });

  it('fails pending and later calls once the socket closes, and says why', async () => {
    const { socket, bridge } = setup();
    socket.open();
    let changes = 0;
    bridge.subscribe(() => changes++);
    const pending = bridge.api.stopRun('r1');
    socket.drop(1006, '');
    await expect(pending).rejects.toThrow(/disconnected/);
    await expect(bridge.api.setInterval(100)).rejects.toThrow(/disconnected/);
    expect(bridge.get()).toMatchObject({ status: 'closed', reason: 'the connection to the CoreScope server closed (code 1006)' });
    expect(changes).toBe(1);
  });

  it('says it could not connect when the socket never opened (a refused token reads as 1006 too)', () => {
    const { socket, bridge } = setup();
    socket.drop(1006, '');
    expect(bridge.get()).toMatchObject({ status: 'closed', reason: expect.stringMatching(/could not connect/) });
  });

  it('names a missing token as the reason when the page has none', () => {
    const { socket, bridge } = setup(false);
    socket.drop(1006, '');
    expect(bridge.get()).toMatchObject({ status: 'closed', reason: expect.stringMatching(/no token/) });
  });

  it('reconnects with backoff, carries its listeners over, and counts the opens', async () => {
    const sockets: FakeSocket[] = [];
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const bridge = new WsBridge(
      () => {
        sockets.push(new FakeSocket());
        return sockets[sockets.length - 1]!;
      },
      true,
      { schedule: (fn, ms) => void timers.push({ fn, ms }), probe: async () => false },
    );
    const got: number[] = [];
    bridge.api.onSnapshot((s) => got.push(s.t));
    sockets[0]!.open();
    expect(bridge.get()).toEqual({ status: 'open', epoch: 1 });
    sockets[0]!.drop(1006, '');
    await Promise.resolve();
    expect(bridge.get()).toMatchObject({ status: 'closed', reason: /closed \(code 1006\)/, retryInMs: 250, refused: false });
    // the server is still down: each failed try waits longer, the first reason stays
    timers.shift()!.fn();
    sockets[1]!.drop(1006, '');
    await Promise.resolve();
    await Promise.resolve();
    expect(bridge.get()).toMatchObject({ status: 'closed', reason: /closed \(code 1006\)/, retryInMs: 500 });
    timers.shift()!.fn();
    sockets[2]!.open();
    expect(bridge.get()).toEqual({ status: 'open', epoch: 2 });
    sockets[2]!.reply({ push: 'snapshot', data: { t: 7, cores: [] } });
    expect(got).toEqual([7]);
    const call = bridge.api.setInterval(100);
    expect(sockets[2]!.sent).toHaveLength(1);
    sockets[2]!.reply({ id: JSON.parse(sockets[2]!.sent[0]!).id, ok: true, result: null });
    await expect(call).resolves.toBeNull();
  });

  it('says plainly that the token was refused when the page answers but the socket does not', async () => {
    const sockets: FakeSocket[] = [];
    const bridge = new WsBridge(
      () => {
        sockets.push(new FakeSocket());
        return sockets[sockets.length - 1]!;
      },
      true,
      { schedule: () => undefined, probe: async () => true },
    );
    sockets[0]!.drop(1006, '');
    await Promise.resolve();
    await Promise.resolve();
    expect(bridge.get()).toMatchObject({ status: 'closed', refused: true, reason: /refused this page’s token.*--token-file/ });
  });

  it('does not reconnect once the page closes it', async () => {
    let made = 0;
    const timers: Array<() => void> = [];
    const bridge = new WsBridge(
      () => {
        made++;
        return new FakeSocket();
      },
      true,
      { schedule: (fn) => void timers.push(fn) },
    );
    bridge.close();
    await Promise.resolve();
    expect(timers).toHaveLength(0);
    expect(made).toBe(1);
  });

  it('describes closes in words', () => {
    expect(describeClose(1001, '', true)).toBe('the server shut down');
    expect(describeClose(1008, '', true)).toMatch(/token/);
    expect(describeClose(4000, 'bye', true)).toBe('bye');
    expect(describeClose(1006, '', true, false)).toMatch(/could not connect/);
    expect(ALWAYS_OPEN.get()).toEqual({ status: 'open' });
  });
});
