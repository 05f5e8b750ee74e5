/**
 * Launching the desktop app's real entry (main/electron/index.ts) against the strict `electron`
 * stand-in, as Electron would load it: a fresh module graph each time. The test file itself must say
 * `vi.mock('electron', () => import('../support/electron-standin.js'))` (vitest hoists it there).
 */
import { vi } from 'vitest';
import type * as StandInModule from './electron-standin.js';

export type StandIn = (typeof StandInModule)['standIn'];

export const settle = () => new Promise((r) => setTimeout(r, 20));

/** A fresh process: a fresh (reset) `electron` and a freshly loaded main, with this userData. */
export async function launchDesktop(profile: string, before: (s: StandIn) => void | Promise<void> = () => undefined): Promise<StandIn> {
  vi.resetModules();
  const { standIn } = (await import('electron')) as unknown as typeof StandInModule;
  standIn.reset();
  vi.stubEnv('CORESCOPE_USER_DATA', profile);
  await before(standIn);
  await import('../../main/electron/index.js');
  vi.unstubAllEnvs();
  return standIn;
}

/** Ready, then wait for the window and its menu (the engine's start probes python3 first). */
export async function readyWithWindow(s: StandIn): Promise<void> {
  s.becomeReady();
  for (let i = 0; i < 400 && !(s.state.windows.length && s.state.menu); i++) await settle();
}

/** Quit as a user does (every run stopped first), and wait until the app has exited. */
export async function quitDesktop(s: StandIn | null): Promise<void> {
  if (!s || s.state.exitCode !== null) return;
  (await import('electron')).app.quit();
  for (let i = 0; i < 100 && s.state.exitCode === null; i++) await settle();
}
