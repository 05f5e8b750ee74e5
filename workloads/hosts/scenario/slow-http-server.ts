/**
 * The "slow third-party site" of the gather scenario's http workload: answers GET /?ms=N after N ms.
 * A process of its own, so its sockets and its loop are not the ones being measured; it tells its
 * parent the port it got, and ends when its parent is gone.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { watchParent } from '../parent-link.js';

const MAX_MS = 120_000;
const BACKLOG = 65_535; // thousands of clients connect at the same moment

const server = createServer((req, res) => {
  const ms = Number(new URL(req.url ?? '/', 'http://localhost').searchParams.get('ms'));
  const wait = Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_MS) : 0;
  setTimeout(() => res.end('ok'), wait);
});
watchParent(() => process.exit(0));
server.listen({ host: '127.0.0.1', port: 0, backlog: BACKLOG }, () => {
  process.send?.({ kind: 'listening', port: (server.address() as AddressInfo).port });
});
