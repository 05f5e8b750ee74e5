/**
 * `corescope serve`: the browser dashboard: prints its URL (with the control token), a view-only URL
 * and where /metrics is, and serves until
 * Ctrl-C. --token-file keeps the token across restarts (with --port, the whole URL: an open page
 * reconnects by itself); --open opens the URL in the default browser.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../../../contract/limits.js';
import { parseOrRefuse } from '../../../contract/refusal.js';
import { ApiService } from '../../engine/api-service.js';
import { rendererDir } from '../../engine/paths.js';
import { startDashboard } from '../../server/dashboard-server.js';
import { isLoopbackHost } from '../../server/host-policy.js';
import { tokenFromFile } from '../../server/token-file.js';
import { openBrowser } from '../open-browser.js';
import { parseInterval, toNumber } from '../flags.js';
import { pythonFlag } from '../python-flag.js';
import { withEngine } from '../with-engine.js';

export interface ServeFlags {
  host?: string;
  port?: string;
  interval?: string;
  python?: string;
  recordings?: string;
  tokenFile?: string;
  open?: boolean;
}

const ServeSchema = z.object({
  host: z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/, { message: 'host must be a host name or IP address' }),
  port: z
    .number({ error: 'port must be a whole number' })
    .int({ error: 'port must be a whole number' })
    .refine((p) => p >= 0 && p <= 65535, { message: 'port must be between 0 and 65535' }),
});

export async function serveCommand(flags: ServeFlags, announce = (line: string) => console.log(line)): Promise<number> {
  const where = parseOrRefuse(ServeSchema, { host: flags.host ?? '127.0.0.1', port: toNumber(flags.port ?? '0') });
  const intervalMs = parseInterval(flags.interval, LIMITS.intervalMs.default);
  const dir = rendererDir();
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`the dashboard is not built (${dir}); run "npm run build"`);
  const token = flags.tokenFile ? tokenFromFile(flags.tokenFile) : undefined;

  // the server holds the process open; Ctrl-C or SIGTERM stops every run, then the server
  const recordings = flags.recordings !== undefined ? { recordingsDir: resolve(flags.recordings) } : {};
  await withEngine({ intervalMs, python: pythonFlag(flags.python), ...recordings }, async ({ engine, untilInterrupted }) => {
    const dashboard = await startDashboard(new ApiService(engine), { ...where, rendererDir: dir, metrics: engine, ...(token && { token }) });
    if (!isLoopbackHost(where.host))
      console.error(
        `corescope: listening on ${where.host}: other machines can reach it, and its traffic (the token too) is unencrypted plain HTTP; control still needs the token, and the Python is fixed (--python)`,
      );
    announce(`CoreScope dashboard: ${dashboard.url}`);
    announce(`View-only link (watch, start nothing): ${dashboard.viewUrl}`);
    announce(`Prometheus metrics: ${new URL('/metrics', dashboard.url).origin}/metrics (Authorization: Bearer <either token>)`);
    if (flags.open) openBrowser(dashboard.url, (why) => console.error(`corescope: could not open a browser (${why}); open the URL above`));
    await untilInterrupted;
    await engine.stopAll();
    await dashboard.close();
  });
  return 0;
}
