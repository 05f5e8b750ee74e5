/** E2E tests need Debian's chromium: skipped on a developer's machine without it, a failure in CI. */
import { hasChromium } from './chromium.js';

export function chromiumOrSkip(): boolean {
  if (hasChromium()) return true;
  if (process.env.CI) throw new Error('CI must run the end-to-end tests: install chromium (apt-get install -y chromium)');
  return false;
}
