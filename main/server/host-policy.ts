/**
 * Which names the dashboard answers to, and what it lets a socket change. A page on another site can
 * point its own name at 127.0.0.1 (DNS rebinding) and then be same-origin with itself: only the Host
 * header tells such a request apart, so every page request and upgrade must name this server.
 */
import type { IncomingMessage } from 'node:http';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const isLoopbackHost = (host: string): boolean => LOOPBACK.has(host.toLowerCase());

const withPort = (host: string, port: number) => `${host.includes(':') ? `[${host}]` : host}:${port}`.toLowerCase();

/** The Host header values this server answers to: the loopback names and the --host value, each with its port. */
export function allowedHosts(host: string, port: number): Set<string> {
  return new Set(['127.0.0.1', 'localhost', '::1', host].map((h) => withPort(h, port)));
}

export const hostAllowed = (req: IncomingMessage, allowed: Set<string>): boolean =>
  typeof req.headers.host === 'string' && allowed.has(req.headers.host.toLowerCase());

/**
 * Whether a socket may change the Python that runs: only when the dashboard is served on loopback.
 * Beyond it, the interpreter is chosen where the server is started (serve --python) or in the desktop app.
 */
export const socketMaySetPython = (host: string): boolean => isLoopbackHost(host);

export const SET_PYTHON_REFUSED = 'setPython is refused on a dashboard served beyond loopback; start corescope serve with --python PATH instead';

/**
 * A method the table serves only over the desktop app's IPC (e.g. watchCommand: starting a command
 * from a web page would be remote code execution) asked for over the socket: said plainly, rather than
 * as "method must be one of …".
 */
export const desktopOnlyRefused = (method: string): string =>
  `${method} is desktop only: the dashboard's socket never starts programs on this machine (watch a running process with watchPid, or use the desktop app or corescope watch -- CMD)`;
