/**
 * `serve --open`: the dashboard's URL in the default browser, the platform's own way (open, start,
 * xdg-open). Best effort: where there is no browser (a server, CI) the printed URL still stands.
 */
import { spawn } from 'node:child_process';
import { OS } from '../engine/platform.js';

export function openerFor(platform: NodeJS.Platform, url: string): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  // start's first quoted argument is a window title: give an empty one so the URL is the target
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  return ['xdg-open', [url]];
}

export function openBrowser(url: string, onFail: (why: string) => void): void {
  const [cmd, args] = openerFor(OS, url);
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', (e) => onFail(e.message));
    child.unref();
  } catch (e) {
    onFail(e instanceof Error ? e.message : String(e));
  }
}
