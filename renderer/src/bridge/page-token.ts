/**
 * The dashboard's token leaves the address bar as soon as the page loads: kept in sessionStorage (this
 * tab only, gone when it closes; a reload still finds it) and replaced in history, so it is neither on
 * screen, nor in the back list, nor in a link copied from the address bar.
 */
import { tokenOf } from './ws-url.js';

const KEY = 'corescope.token';

/** What takeToken needs of a browser window (a real `window` in the page). */
export interface TokenPage {
  location: { pathname: string; search: string; hash: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  sessionStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export function takeToken(page: TokenPage): string | null {
  const fromUrl = tokenOf(page.location.search);
  if (fromUrl) {
    page.sessionStorage.setItem(KEY, fromUrl);
    const rest = new URLSearchParams(page.location.search);
    rest.delete('token');
    const query = rest.toString();
    page.history.replaceState(page.history.state, '', `${page.location.pathname}${query ? `?${query}` : ''}${page.location.hash}`);
  }
  return page.sessionStorage.getItem(KEY) || null;
}
