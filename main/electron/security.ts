/**
 * Session-wide guards: every permission request is denied (CoreScope needs none), and the renderer's
 * files are served from the app scheme with the strict CSP, from the built renderer folder only.
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { TYPES, resolveInside } from '../web/static-files.js';
import { contentSecurityPolicy } from '../web/csp.js';
import { APP_SCHEME } from './origin.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

const guarded = (status: number, type: string) => ({
  status,
  headers: {
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  },
});

/**
 * Answers every request itself: a handler that throws (as net.fetch does for a missing file) makes
 * Electron fail the request with ERR_UNEXPECTED, and a module script under nosniff needs its
 * JavaScript type stated, so the type comes from the dashboard server's own table.
 */
async function answerAppRequest(rendererDir: string, url: string): Promise<Response> {
  const file = resolveInside(rendererDir, new URL(url).pathname);
  if (!file) return new Response('bad path', guarded(400, 'text/plain; charset=utf-8'));
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response('not found', guarded(404, 'text/plain; charset=utf-8'));
  }
  return new Response(new Uint8Array(body), guarded(200, TYPES[extname(file)] ?? 'application/octet-stream'));
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => answerAppRequest(rendererDir, request.url));
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
