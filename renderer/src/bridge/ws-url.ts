/**
 * Where the dashboard's WebSocket lives: the same host that served the page (same-origin is what the
 * server checks), at WS_PATH, with the token `corescope serve` printed in the page's URL (page-token.ts).
 */
import { WS_PATH } from '../../../contract/wire.js';

export interface PageLocation {
  protocol: string;
  host: string;
}

export function tokenOf(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token ? token : null;
}

export function socketUrl(loc: PageLocation, token: string | null): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}${WS_PATH}?token=${encodeURIComponent(token ?? '')}`;
}
