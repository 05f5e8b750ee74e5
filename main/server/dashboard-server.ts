/**
 * The web dashboard: the built renderer over HTTP and the CoreScope API over a WebSocket at WS_PATH.
 * Binds 127.0.0.1 unless told otherwise; every request must name this server in its Host header,
 * control always needs the token and the page's own origin, and at most MAX_CONNECTIONS sockets are open.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_MAX_REQUEST_BYTES, WS_PATH } from '../../contract/wire.js';
import type { ApiEndpoint } from '../engine/api-service.js';
import { checkAccess, newToken } from './access.js';
import { allowedHosts, hostAllowed, socketMaySetPython } from './host-policy.js';
import { serveSession } from './socket-session.js';
import { staticHandler } from '../web/static-files.js';

export interface DashboardOptions {
  host: string;
  port: number;
  rendererDir: string;
  token?: string;
}

export const MAX_CONNECTIONS = 8;

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request', 503: 'Service Unavailable' } as const;

export interface Dashboard {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startDashboard(api: ApiEndpoint, options: DashboardOptions): Promise<Dashboard> {
  const token = options.token ?? newToken();
  let hosts = new Set<string>(); // known once listening (port 0 picks the port)
  const serveFile = staticHandler(options.rendererDir);
  const server: Server = createServer((req, res) => {
    if (hostAllowed(req, hosts)) void serveFile(req, res);
    else res.writeHead(421, { 'Content-Type': 'text/plain' }).end('unknown Host');
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_REQUEST_BYTES });
  const session = { maySetPython: socketMaySetPython(options.host) };

  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const refusal = !hostAllowed(req, hosts)
      ? { status: 421 as const, reason: 'unknown Host' }
      : path !== WS_PATH
        ? { status: 404 as const, reason: 'not found' }
        : (checkAccess(req, token) ??
          (wss.clients.size >= MAX_CONNECTIONS ? { status: 503 as const, reason: `at most ${MAX_CONNECTIONS} connections at once` } : null));
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_TEXT[refusal.status]}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refusal.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSession(ws, api, session));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  hosts = allowedHosts(options.host, port);
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
