/**
 * `corescope replay FILE`: the dashboard in replay mode, driven by the file (prints its URL, serves
 * until Ctrl-C); with --json, what the file holds: its header, frame count and time span.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidInput } from '../../../contract/refusal.js';
import { timeSpan } from '../../../lib/recording/decode.js';
import { rendererDir } from '../../engine/paths.js';
import { startReplayServer } from '../../server/replay-server.js';
import { whenInterrupted } from '../interrupt.js';
import { loadRecording } from '../recording-file.js';

function portOf(flag: string | undefined): number {
  const port = Number(flag ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidInput('port must be a whole number between 0 and 65535');
  return port;
}

export async function replayCommand(file: string, flags: { json?: boolean; port?: string }, announce = (line: string) => console.log(line)): Promise<number> {
  const port = portOf(flags.port);
  const { bytes, rec } = loadRecording(file);
  if (flags.json) {
    const { startT, endT } = timeSpan(rec);
    // the catalogs are long and say nothing about this file
    const header = Object.fromEntries(Object.entries(rec.header).filter(([k]) => k !== 'workloads' && k !== 'scenarios'));
    const streams: Record<string, number> = {};
    for (const f of rec.frames) streams[f.stream] = (streams[f.stream] ?? 0) + 1;
    console.log(JSON.stringify({ header, bytes: bytes.length, frames: rec.frames.length, streams, chunks: rec.chunks.length, indexed: rec.indexed, startT, endT, spanMs: endT - startT, damage: rec.damage }));
    return rec.damage ? 1 : 0;
  }
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the dashboard is not built (${dir}); run "npm run build"`);
  const server = await startReplayServer(bytes, { host: '127.0.0.1', port, rendererDir: dir, name: basename(file) });
  announce(`CoreScope replay of ${file}: ${server.url}`);
  await new Promise<void>((resolve) => {
    const release = whenInterrupted(() => {
      release();
      resolve();
    });
  });
  await server.close();
  return 0;
}
