/**
 * The README's "No orphans" section names the kinds the kill matrix kills (issue 14's acceptance):
 * its bold list is read and held against the matrix's table, whose names are also its test names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KINDS } from '../integration/kill-matrix-kinds.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The kinds in bold in the "No orphans" bullet that names the matrix, after "each of these kinds:" (a bracket between bold spans is a note). */
function kindsInReadme(): string[] {
  const start = readme.lastIndexOf('- **No orphans.**', readme.indexOf('kill-matrix.test.ts'));
  const section = readme.slice(start, readme.indexOf('\n- **', start + 1)).replace(/\s+/g, ' ');
  const list = section.slice(section.indexOf('each of these kinds:'));
  return [...list.matchAll(/\*\*([^*]+)\*\*/g)].flatMap((m) => m[1].split(', ')).map((s) => s.trim());
}

describe('README: No orphans', () => {
  it('lists exactly the kinds the kill matrix tests, by the same names', () => {
    expect(kindsInReadme()).toEqual(KINDS.map((k) => k.name));
  });
});
