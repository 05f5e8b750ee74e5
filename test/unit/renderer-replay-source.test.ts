/**
 * Where a replay's bytes come from (renderer/src/bridge/replay-source.ts): the desktop shell's opened
 * file, `corescope replay`'s server (a real one on loopback), and a dropped file — bounded by size
 * before a byte of it is read.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticRecording } from '../../bench/synthetic-recording.js';
import type { CoreScopeApi } from '../../contract/methods.js';
import { RECORDING_MAX_BYTES } from '../../contract/recording.js';
import { decodeRecording } from '../../lib/recording/decode.js';
import { startReplayServer } from '../../main/server/replay-server.js';
import { fromDroppedFile, fromReplayServer, fromShell } from '../../renderer/src/bridge/replay-source.js';

const dir = mkdtempSync(join(tmpdir(), 'cs-replay-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = join(dir, 'r.corescope');
writeSyntheticRecording(file, { cores: 2, hz: 5, seconds: 2, units: 1 });
const bytes = new Uint8Array(readFileSync(file));

describe('a dropped file', () => {
  it('is read whole when a replay can hold it', async () => {
    const f = await fromDroppedFile(new File([bytes], 'r.corescope'));
    expect(f.name).toBe('r.corescope');
    expect(decodeRecording(f.bytes).frames.length).toBe(decodeRecording(bytes).frames.length);
  });

  it('is refused by its size in one line, and never read', async () => {
    const huge = { name: 'huge.corescope', size: RECORDING_MAX_BYTES + 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read it')) };
    await expect(fromDroppedFile(huge)).rejects.toThrow(/^65\.0 MB is more than the 64\.0 MB a replay can hold \(corescope export reads it\)$/);
  });
});

describe('the desktop shell', () => {
  const api = (openedRecording?: () => Promise<unknown>) => ({ openedRecording }) as unknown as CoreScopeApi;

  it('hands over the file File → Open recording… read', async () => {
    await expect(fromShell(api(async () => ({ name: 'r.corescope', bytes })))).resolves.toEqual({ name: 'r.corescope', bytes });
  });

  it('says so when none was opened, or the window has no link to the app', async () => {
    await expect(fromShell(api(async () => null))).rejects.toThrow('no recording is open: File → Open recording… picks one');
    await expect(fromShell(api())).rejects.toThrow(/no link to the app/);
  });
});

describe('corescope replay’s server', () => {
  it('serves the file with the page’s token, named by ?replay=, and refuses a wrong token', async () => {
    const server = await startReplayServer(bytes, { host: '127.0.0.1', port: 0, rendererDir: dir, name: 'r.corescope' });
    try {
      const page = new URL(server.url);
      const fetcher = ((path: string) => fetch(new URL(path, page.origin))) as typeof fetch;
      const f = await fromReplayServer(page.search, fetcher);
      expect(f.name).toBe('r.corescope');
      expect(Buffer.from(f.bytes).equals(Buffer.from(bytes))).toBe(true);
      await expect(fromReplayServer('?replay=r.corescope&token=wrong', fetcher)).rejects.toThrow('the recording could not be fetched: 401 a valid token is required');
    } finally {
      await server.close();
    }
  });
});
