/**
 * Two links, two tokens: the control link (start, stop, change) and the view-only link (every stream,
 * only the methods whose row in the method table says 'read'). Both need the page's own origin on the
 * socket. /metrics takes either token as `Authorization: Bearer …`, the header Prometheus' scrape
 * config sends: it only reads, so the view-only token is the one to hand to a Prometheus server.
 */
import type { IncomingMessage } from 'node:http';
import type { Access } from '../../contract/methods.js';
import { checkAccess, tokenMatches, type Refusal } from './access.js';

export interface Tokens {
  control: string;
  view: string;
}

/** Which access a socket request carries, or why it is refused. */
export function socketAccess(req: IncomingMessage, tokens: Tokens): { access: Access } | NonNullable<Refusal> {
  const asControl = checkAccess(req, tokens.control);
  if (!asControl) return { access: 'control' };
  const asViewer = checkAccess(req, tokens.view);
  if (!asViewer) return { access: 'read' };
  // a view token from another origin is refused for its origin, not as an unknown token
  return asViewer.status === 403 ? asViewer : asControl;
}

/** A scrape may carry either token as a bearer token. */
export function bearerAllowed(req: IncomingMessage, tokens: Tokens): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m !== null && (tokenMatches(tokens.control, m[1]) || tokenMatches(tokens.view, m[1]));
}
