/**
 * The web dashboard: the built renderer over HTTP and the CoreScope API over a WebSocket at WS_PATH.
 * Binds 127.0.0.1 unless told otherwise; every request must name this server in its Host header,
 * control always needs the token and the page's own origin, and at most MAX_CONNECTIONS sockets are open.
 */
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { WS_MAX_REQUEST_BYTES, WS_PATH } from '../../contract/wire.js';
import type { ApiEndpoint } from '../engine/api-service.js';
import { newToken } from './access.js';
import { allowedHosts, hostAllowed, socketMaySetPython } from './host-policy.js';
import { createMetrics, type MetricsSource } from './metrics.js';
import { serveSession } from './socket-session.js';
import { bearerAllowed, socketAccess, type Tokens } from './viewers.js';
import { staticHandler } from '../web/static-files.js';

export interface DashboardOptions {
  host: string;
  port: number;
  rendererDir: string;
  token?: string;
  /** the view-only link's token (default: a new one) */
  viewToken?: string;
  /** serve GET /metrics (Prometheus text) from this engine; absent: no /metrics */
  metrics?: MetricsSource;
}

export const MAX_CONNECTIONS = 8;

const STATUS_TEXT = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 421: 'Misdirected Request', 503: 'Service Unavailable' } as const;

export interface Dashboard {
  url: string;
  token: string;
  /** the view-only link: every stream, no control */
  viewUrl: string;
  close(): Promise<void>;
}

export async function startDashboard(api: ApiEndpoint, options: DashboardOptions): Promise<Dashboard> {
  const tokens: Tokens = { control: options.token ?? newToken(), view: options.viewToken ?? newToken() };
  const token = tokens.control;
  let hosts = new Set<string>(); // known once listening (port 0 picks the port)
  const statics = staticHandler(options.rendererDir);
  const metrics = options.metrics && metricsHandler(createMetrics(options.metrics), tokens);
  const server: Server = createServer((req, res) => {
    if (!hostAllowed(req, hosts)) res.writeHead(421, { 'Content-Type': 'text/plain' }).end('unknown Host');
    else if (metrics && pathOf(req) === '/metrics') metrics(req, res);
    else void statics(req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_REQUEST_BYTES });
  const session = { maySetPython: socketMaySetPython(options.host) };

  server.on('upgrade', (req, socket, head) => {
    const access = !hostAllowed(req, hosts)
      ? { status: 421 as const, reason: 'unknown Host' }
      : pathOf(req) !== WS_PATH
        ? { status: 404 as const, reason: 'not found' }
        : socketAccess(req, tokens);
    const granted =
      !('status' in access) && wss.clients.size >= MAX_CONNECTIONS ? { status: 503 as const, reason: `at most ${MAX_CONNECTIONS} connections at once` } : access;
    if ('status' in granted) {
      socket.end(`HTTP/1.1 ${granted.status} ${STATUS_TEXT[granted.status]}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${granted.reason}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSession(ws, api, { ...session, access: granted.access }));
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
    viewUrl: `http://${shownHost}:${port}/?token=${tokens.view}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://x').pathname;

/** GET /metrics behind a bearer token (either link's); anything else is refused in one line. */
function metricsHandler(metrics: ReturnType<typeof createMetrics>, tokens: Tokens): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${reason}\n`);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'only GET', { Allow: 'GET, HEAD' });
    if (!bearerAllowed(req, tokens)) return refuse(401, 'a valid token is required (Authorization: Bearer <token>)', { 'WWW-Authenticate': 'Bearer realm="corescope"' });
    metrics.render().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text),
      (e: unknown) => refuse(500, `metrics failed: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
}
