/** The desktop window whose preload failed: the page says so, and never tries a WebSocket the CSP blocks. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickBridge } from '../../renderer/src/bridge/pick-bridge.js';
import { PRELOAD_FAILED } from '../../renderer/src/bridge/missing-preload.js';
import { ConnectionBanner } from '../../renderer/src/views/ConnectionBanner.js';

/** A page at `url`, with the tab's own storage and history a browser window has. */
function pageAt(url: string): Window {
  const stored = new Map<string, string>();
  const location = new URL(url);
  return {
    location,
    history: { state: null, replaceState: (_d: unknown, _u: string, next: string) => Object.assign(location, { href: new URL(next, location).href }) },
    sessionStorage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
  } as unknown as Window;
}

afterEach(() => vi.unstubAllGlobals());

describe('the desktop window without its bridge', () => {
  it('says the preload failed, opens no socket, and every call is refused with that reason', async () => {
    const sockets: string[] = [];
    vi.stubGlobal(
      'WebSocket',
      class {
        constructor(url: string) {
          sockets.push(url);
        }
      },
    );
    const bridge = pickBridge(pageAt('corescope://app/index.html'));
    expect(sockets).toEqual([]);
    expect(bridge.connection.get()).toEqual({ status: 'closed', reason: PRELOAD_FAILED, final: true });
    await expect(bridge.api.startRun({ mode: 'process', workload: 'cpu', units: 1 } as never)).rejects.toThrow(PRELOAD_FAILED);
    const banner = renderToStaticMarkup(createElement(ConnectionBanner, { state: bridge.connection.get(), loadError: null }));
    expect(banner).toContain('preload script failed to load');
    expect(banner).not.toContain('corescope serve');
    expect(banner).not.toContain('server');
  });

  it('still talks WebSocket in a browser page served by corescope serve', () => {
    const sockets: string[] = [];
    vi.stubGlobal(
      'WebSocket',
      class {
        constructor(url: string) {
          sockets.push(url);
        }
        addEventListener() {}
      },
    );
    const page = pageAt('http://127.0.0.1:4000/?token=abc');
    const bridge = pickBridge(page);
    expect(bridge.transport).toBe('websocket');
    expect(sockets).toEqual(['ws://127.0.0.1:4000/api?token=abc']);
    expect(page.location.search).toBe(''); // the token left the address bar
  });
});
