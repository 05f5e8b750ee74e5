/**
 * `corescope replay FILE`: the dashboard page, and the recording itself at RECORDING_PATH for the page
 * to fetch, read and play (no engine, no socket: nothing can be started). The file needs the token,
 * like everything the live dashboard shows.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RECORDING_PATH } from '../../contract/recording.js';
import { newToken, tokenMatches } from './access.js';
import { staticHandler } from '../web/static-files.js';

export interface ReplayServer {
  url: string;
  close(): Promise<void>;
}

export async function startReplayServer(recording: Uint8Array, options: { host: string; port: number; rendererDir: string; name: string }): Promise<ReplayServer> {
  const token = newToken();
  const page = staticHandler(options.rendererDir);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== RECORDING_PATH) return void page(req, res);
    if (!tokenMatches(token, url.searchParams.get('token'))) return void res.writeHead(401, { 'Content-Type': 'text/plain' }).end('a valid token is required');
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' }).end(recording);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/?replay=${encodeURIComponent(options.name)}&token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
