/**
 * Where the dashboard's WebSocket lives: the same host that served the page (same-origin is what the
 * server checks), at WS_PATH, with the token `corescope serve` printed in the page's URL.
 */
import { WS_PATH } from '../../../contract/wire.js';

export interface PageLocation {
  protocol: string;
  host: string;
  search: string;
}

export function tokenOf(search: string): string | null {
  const token = new URLSearchParams(search).get('token');
  return token ? token : null;
}

export function socketUrl(loc: PageLocation): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  const token = tokenOf(loc.search) ?? '';
  return `${scheme}://${loc.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}
