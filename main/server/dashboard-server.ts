/**
 * The web dashboard: the built renderer over HTTP and the CoreScope API over a WebSocket at WS_PATH.
 * Binds 127.0.0.1 unless told otherwise; control always needs the token and the page's own origin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_MAX_REQUEST_BYTES, WS_PATH } from '../../contract/wire.js';
import type { ApiEndpoint } from '../engine/api-service.js';
import { checkAccess, newToken } from './access.js';
import { serveSession } from './socket-session.js';
import { staticHandler } from '../web/static-files.js';

export interface DashboardOptions {
  host: string;
  port: number;
  rendererDir: string;
  token?: string;
}

export interface Dashboard {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startDashboard(api: ApiEndpoint, options: DashboardOptions): Promise<Dashboard> {
  const token = options.token ?? newToken();
  const server: Server = createServer(staticHandler(options.rendererDir));
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_REQUEST_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const refusal = path === WS_PATH ? checkAccess(req, token) : { status: 404 as const, reason: 'not found' };
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.status === 401 ? 'Unauthorized' : refusal.status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refusal.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSession(ws, api));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
