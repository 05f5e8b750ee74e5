/** `npm start`'s Electron child: a clean environment, and a sandbox that can't start read as one line. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript beside bin/start.js, no declarations
import { electronEnv, sandboxFailure } from '../../bin/electron-child.js';

describe('npm start and Electron', () => {
  it('never hands ELECTRON_RUN_AS_NODE to Electron, and keeps the rest', () => {
    const env = electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/usr/bin', DISPLAY: ':0' });
    expect(env).toEqual({ PATH: '/usr/bin', DISPLAY: ':0' });
  });

  it('recognises Chromium’s own sandbox failures, and nothing else', () => {
    // verbatim from Chromium's setuid_sandbox_host.cc and content/browser (as Electron prints them)
    const suid =
      "[9:0101/000000.000000:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /opt/CoreScope/chrome-sandbox is owned by root and has mode 4755.";
    const root = '[9:0101/000000.000000:FATAL:electron_main_delegate.cc(294)] Running as root without --no-sandbox is not supported. See https://crbug.com/638180.';
    expect(sandboxFailure(suid)).toMatch(/^Electron's sandbox could not start \(Linux: chrome-sandbox needs root:root and mode 4755/);
    expect(sandboxFailure(root)).toBe("Electron's sandbox refuses to run as root");
    expect(sandboxFailure('Error: Cannot find module /x/out/main/index.js')).toBeNull();
    expect(sandboxFailure('')).toBeNull();
  });
});
