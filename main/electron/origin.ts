/**
 * The app's own origin. The window loads the renderer from a privileged custom scheme (not file://,
 * where module scripts and CSP behave badly), so "is this our page?" is one exact comparison.
 */
import { APP_SCHEME } from '../../contract/wire.js';

export { APP_SCHEME };
const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True only for a URL on the app's own scheme and host (or the dev server, when one is given). */
export function isAppUrl(url: string | undefined, devServerUrl?: string): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
    return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The renderer dev server's URL, honoured only when `npm run dev` (bin/dev.js) says it started one: a
 * stray ELECTRON_RENDERER_URL in a user's environment must not point the window, and the trust that
 * the app's own page gets, at another origin. Never in a packaged app.
 */
export function devRendererUrl(isPackaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  if (isPackaged || env.CORESCOPE_DEV_RENDERER !== '1') return undefined;
  return env.ELECTRON_RENDERER_URL || undefined;
}
