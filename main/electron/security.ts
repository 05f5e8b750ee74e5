/**
 * Session-wide guards: every permission request is denied (CoreScope needs none), and the renderer's
 * files are served from the app scheme with the strict CSP, from the built renderer folder only.
 */
import { net, protocol, type Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveInside } from '../server/static-files.js';
import { contentSecurityPolicy } from '../server/csp.js';
import { APP_SCHEME } from './origin.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveInside(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('bad path', { status: 400 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
