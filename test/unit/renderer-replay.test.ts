/** The replay's player and bridge: positions, speeds, the frames handed out, and every control method refused. */
import { describe, expect, it } from 'vitest';
import { METHODS, type MethodName } from '../../contract/methods.js';
import type { RecordedFrame } from '../../contract/recording.js';
import { syntheticHeader } from '../../bench/synthetic-recording.js';
import { REFUSED_IN_REPLAY, ReplayFeed } from '../../renderer/src/bridge/replay-bridge.js';
import { ReplayPlayer } from '../../renderer/src/state/replay-player.js';

const notice = (t: number): RecordedFrame => ({ t, stream: 'notice', data: { kind: 'sampler-error', message: `at ${t}`, t } });
// times step back a little once (a unit's clock), as real recordings do
const frames = [notice(1000), notice(1500), notice(1400), notice(2000), notice(3000)];

describe('the replay player', () => {
  it('hands out the frames that come due, at its speed, and stops at the end', () => {
    const p = new ReplayPlayer(frames, 1000, 3000);
    expect(p.said).toBe(1);
    expect(p.advance(5000)).toEqual([]); // paused
    p.setSpeed(2);
    p.play();
    expect(p.advance(250).map((f) => f.t)).toEqual([1500, 1400]);
    expect(p.get().posMs).toBe(500);
    expect(p.advance(1000).map((f) => f.t)).toEqual([2000, 3000]);
    expect(p.get()).toMatchObject({ posMs: 2000, playing: false });
  });

  it('seeks anywhere (clamped) and starts a new epoch each time', () => {
    const p = new ReplayPlayer(frames, 1000, 3000);
    p.seek(1000);
    expect([p.said, p.get().epoch]).toEqual([4, 1]);
    p.seek(-50);
    expect([p.said, p.get().posMs]).toEqual([1, 0]);
    p.seek(1e9);
    expect([p.said, p.get().posMs]).toEqual([5, 2000]);
    p.play(); // at the end: from the start again
    expect(p.get()).toMatchObject({ posMs: 0, playing: true, epoch: 4 });
  });
});

describe('the replay bridge', () => {
  it('refuses every control method of the table and answers the reads from the header', async () => {
    const header = syntheticHeader({ cores: 2, hz: 1, seconds: 1, units: 1 }, 1000, 1000);
    const { api } = new ReplayFeed(header, frames, () => 2).bridge;
    const control = (Object.keys(METHODS) as MethodName[]).filter((m) => METHODS[m].access === 'control' && m in api);
    expect(control.length).toBeGreaterThanOrEqual(8);
    for (const m of control) await expect((api as unknown as Record<string, (p?: unknown) => Promise<unknown>>)[m]({})).rejects.toThrow(REFUSED_IN_REPLAY);
    await expect(api.system()).resolves.toMatchObject({ logicalCores: 2 });
    await expect(api.recording()).resolves.toBeNull();
    // what the page reads on every mount: a recording is read-only, never "not in a recording"
    await expect(api.session()).resolves.toEqual({ access: 'read' });
  });

  it('a subscriber hears the frames said so far once (not twice when it unsubscribes at once), then new ones', async () => {
    const feed = new ReplayFeed(syntheticHeader({ cores: 2, hz: 1, seconds: 1, units: 1 }, 1000, 1000), frames, () => 2);
    const heard: number[] = [];
    feed.bridge.api.onNotice((n) => heard.push(n.t))(); // StrictMode's first mount
    feed.bridge.api.onNotice((n) => heard.push(n.t));
    await Promise.resolve();
    feed.deliver([frames[2]]);
    expect(heard).toEqual([1000, 1500, 1400]);
  });
});
