#!/usr/bin/env node
// `npm start`: open the desktop window; where Electron can't start (its binary was skipped at install,
// or there is no display), say so in one line and serve the same UI as the browser dashboard instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { electronEnv, sandboxFailure } from './electron-child.js';
import { hasDisplay } from './platform.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary() {
  try {
    // the electron package's main export is the path of its binary; it throws when none was downloaded
    return { path: createRequire(import.meta.url)('electron') };
  } catch (e) {
    return { reason: "Electron's binary is not installed, as with ELECTRON_SKIP_BINARY_DOWNLOAD=1", error: e };
  }
}

function whyNoWindow() {
  const bin = electronBinary();
  if (!bin.path) return { reason: bin.reason };
  if (!hasDisplay()) return { reason: 'there is no display' };
  return { path: bin.path };
}

const forward = (child) => {
  const relay = (sig) => child.kill(sig);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, relay);
  return () => ['SIGINT', 'SIGTERM'].forEach((sig) => process.off(sig, relay));
};

const serve = (reason) => {
  console.error(`corescope: no desktop window here (${reason}); serving the dashboard in your browser instead`);
  const child = spawn(process.execPath, [fileURLToPath(new URL('./corescope.js', import.meta.url)), 'serve', ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  forward(child);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

// Electron's stderr is held for its first seconds (bounded): a sandbox failure then reads as one line
// of ours instead of Chromium's FATAL dump; after that, or once it is clearly running, it passes through.
const STDERR_KEPT = 64 * 1024;
const HOLD_MS = 3000;

const electron = whyNoWindow();
if (!electron.path) serve(electron.reason);
else {
  const child = spawn(electron.path, [root], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], env: electronEnv(process.env) });
  const unforward = forward(child);
  let held = '';
  let holding = true;
  const release = () => {
    holding = false;
    process.stderr.write(held);
    held = '';
  };
  const timer = setTimeout(release, HOLD_MS);
  child.stderr.on('data', (d) => {
    if (!holding) process.stderr.write(d);
    else if (held.length < STDERR_KEPT) held += d;
  });
  child.on('exit', (code, signal) => {
    unforward();
    clearTimeout(timer);
    const sandbox = holding && code !== 0 ? sandboxFailure(held) : null;
    if (sandbox) return serve(sandbox);
    if (holding) release();
    process.exit(code ?? (signal ? 1 : 0));
  });
}
