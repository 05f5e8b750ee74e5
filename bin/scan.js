#!/usr/bin/env node
// npm run scan: Doyensec's electronegativity over the Electron app as one (the shell, the preload and
// the renderer, copied together so that its global checks see the whole app), for Electron 41 (it
// can't read the version from an offline install); it fails on any finding of medium severity or worse.
// Excluded, with the reason (README, "Security"):
// - PreloadJSCheck (PRELOAD_JS_CHECK): asks for a review of any preload; ours exposes only the method
//   table's IPC calls and stream subscriptions (test/unit/built-bundles.test.ts loads the built file sandboxed).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EXCLUDED = ['PreloadJSCheck'];
const DIRS = ['main/electron', 'preload', 'renderer/index.html', 'renderer/src'];
const SERIOUS = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

// electronegativity lives in tools/scan with its own lockfile: it needs a hoisted commander 5
const TOOL = 'tools/scan/node_modules/@doyensec/electronegativity/dist/index.js';
if (!existsSync(TOOL)) {
  const npm = spawnSync('npm', ['ci', '--prefix', 'tools/scan', '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('scan: could not install electronegativity into tools/scan (npm ci failed)');
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), 'corescope-scan-'));
try {
  for (const dir of DIRS) cpSync(dir, join(work, 'app', dir), { recursive: true });
  const csv = join(work, 'findings.csv');
  const r = spawnSync(
    process.execPath,
    ['--require', './tools/scan/offline.cjs', TOOL, '-i', join(work, 'app'), '-e', '41.0.0', '-x', EXCLUDED.join(','), '-o', csv, '-r', '-v', 'false'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) {
    console.error(`scan: electronegativity failed: ${(r.stderr || r.stdout).trim().split('\n').pop()}`);
    process.exit(1);
  }
  const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1).filter(Boolean);
  const serious = rows.filter((row) => SERIOUS.has(/^[A-Z_]+,"([A-Z]+)"/.exec(row)?.[1] ?? ''));
  if (serious.length) {
    console.error(`scan: ${serious.length} finding(s) of medium severity or worse:\n${serious.join('\n')}`);
    process.exit(1);
  }
  console.log(`scan: electronegativity: nothing of medium severity or worse in ${DIRS.join(', ')} (${rows.length} low; excluded: ${EXCLUDED.join(', ')})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
