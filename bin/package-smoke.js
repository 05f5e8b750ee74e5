#!/usr/bin/env node
// Smoke test of `npm run package:dir`'s output: start the packaged CoreScope, run one scenario through
// the window's own bridge, quit, and check that no process of it is left. Where there is no packaged app
// or no display (CI here: Electron's binary can't be downloaded), it says why and exits 0 (skipped).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { OS, hasDisplay } from './platform.js';

const dir = { linux: 'release/linux-unpacked/corescope', darwin: 'release/mac/CoreScope.app/Contents/MacOS/CoreScope', win32: 'release/win-unpacked/CoreScope.exe' }[OS];
const skip = (why) => (console.log(`packaged smoke skipped: ${why}`), process.exit(0));
if (!dir || !existsSync(dir)) skip(`no packaged app at ${dir ?? OS} (run npm run package:dir on a machine with Electron's binary)`);
if (!hasDisplay()) skip('no display');

// --remote-debugging-port is Chromium's, not Node's --inspect (which the fuses turn off)
const app = spawn(dir, ['--remote-debugging-port=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const endpoint = await new Promise((resolve, reject) => {
  let err = '';
  app.stderr.on('data', (d) => {
    err += d;
    const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
    if (m) resolve(m[1]);
  });
  app.on('exit', (code) => reject(new Error(`the packaged app exited (${code}) before its window opened:\n${err}`)));
  setTimeout(() => reject(new Error('no window within 20 s')), 20_000).unref();
});
const browser = await chromium.connectOverCDP(endpoint);
const page = await (async () => {
  for (;;) {
    const p = browser.contexts().flatMap((c) => c.pages()).find((pg) => pg.url().startsWith('corescope://'));
    if (p) return p;
    await new Promise((r) => setTimeout(r, 200));
  }
})();
const outcome = await page.evaluate(
  () =>
    new Promise((resolve, reject) => {
      const api = window.corescope;
      if (!api) return reject(new Error('window.corescope is missing: the preload did not load'));
      api.onRunEvent((e) => e.type === 'run-ended' && resolve(e));
      api.runScenario({ name: 'race', mode: 'process' }).catch(reject);
      setTimeout(() => reject(new Error('the scenario gave no result within 20 s')), 20_000);
    }),
);
console.log(`scenario race (process units) in the packaged app: ${JSON.stringify(outcome).slice(0, 200)}`);
await browser.close();
app.kill('SIGTERM');
await new Promise((r) => app.once('exit', r));
const children = readdirSync('/proc')
  .filter((d) => /^\d+$/.test(d))
  .filter((d) => {
    try {
      return readFileSync(join('/proc', d, 'cmdline'), 'utf8').includes('app.asar.unpacked');
    } catch {
      return false;
    }
  });
if (children.length) throw new Error(`left behind after quit: ${children.join(', ')}`);
console.log('packaged smoke passed: started, ran a scenario, quit, nothing left');
