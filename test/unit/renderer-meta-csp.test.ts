/** The page's meta CSP is the header's policy (frame-ancestors aside, which a meta can't carry). */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/web/csp.js';

it('renderer/index.html carries the same CSP as the header', () => {
  const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  const header = contentSecurityPolicy()
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  expect(meta).toBe(header);
});
