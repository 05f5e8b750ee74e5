import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openerFor } from '../../main/cli/open-browser.js';
import { tokenFromFile } from '../../main/server/token-file.js';

describe('serve --token-file', () => {
  it('makes an owner-only token file on first use and reads the same token after', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cs-token-')), 'token');
    const first = tokenFromFile(file);
    expect(first).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(tokenFromFile(file)).toBe(first);
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
  });

  it('refuses a file that holds no token instead of overwriting it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cs-token-')), 'notes.txt');
    writeFileSync(file, 'my shopping list\n');
    expect(() => tokenFromFile(file)).toThrow(/does not hold a token/);
    expect(readFileSync(file, 'utf8')).toBe('my shopping list\n');
  });
});

describe('serve --open', () => {
  it('uses each platform\'s own opener', () => {
    expect(openerFor('linux', 'http://127.0.0.1:1/?token=a')).toEqual(['xdg-open', ['http://127.0.0.1:1/?token=a']]);
    expect(openerFor('darwin', 'http://x/')).toEqual(['open', ['http://x/']]);
    expect(openerFor('win32', 'http://x/?a=1&b=2')).toEqual(['cmd', ['/c', 'start', '""', 'http://x/?a=1^&b=2']]);
  });
});
