/**
 * Who may open the control socket: the page must present the token printed with the URL, and the
 * request must come from the dashboard's own origin (a page elsewhere can't drive a local CoreScope).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(24).toString('base64url');

export function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Same-origin: the Origin header must name the very host:port the request was sent to. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  const host = req.headers.host;
  if (!origin || !host) return false;
  try {
    const o = new URL(origin);
    return (o.protocol === 'http:' || o.protocol === 'https:') && o.host === host;
  } catch {
    return false;
  }
}

export type Refusal = { status: 401 | 403; reason: string } | null;

export function checkAccess(req: IncomingMessage, token: string): Refusal {
  const given = new URL(req.url ?? '/', 'http://x').searchParams.get('token');
  if (!tokenMatches(token, given)) return { status: 401, reason: 'a valid token is required' };
  if (!sameOrigin(req)) return { status: 403, reason: 'requests from another origin are refused' };
  return null;
}
