#!/usr/bin/env node
// `npm start`: open the desktop window; where Electron can't start (its binary was skipped at install,
// or there is no display), say so in one line and serve the same UI as the browser dashboard instead.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

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
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'there is no display' };
  return { path: bin.path };
}

const run = (cmd, args) => {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

const electron = whyNoWindow();
if (electron.path) run(electron.path, [root]);
else {
  console.error(`corescope: no desktop window here (${electron.reason}); serving the dashboard in your browser instead`);
  run(process.execPath, [fileURLToPath(new URL('./corescope.js', import.meta.url)), 'serve', ...process.argv.slice(2)]);
}
