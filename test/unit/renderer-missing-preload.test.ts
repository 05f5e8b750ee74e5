/** The desktop window whose preload failed: the page says so, and never tries a WebSocket the CSP blocks. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pickBridge } from '../../renderer/src/bridge/pick-bridge.js';
import { PRELOAD_FAILED } from '../../renderer/src/bridge/missing-preload.js';
import { ConnectionBanner } from '../../renderer/src/views/ConnectionBanner.js';

const pageAt = (url: string) => ({ location: new URL(url) }) as unknown as Window;

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
    const bridge = pickBridge(pageAt('http://127.0.0.1:4000/?token=abc'));
    expect(bridge.transport).toBe('websocket');
  });
});
