/**
 * The http kernel: one GET to a local server and the wait for its answer. Connections are not kept
 * alive or pooled, so N concurrent requests are N real sockets, as N clients of a slow site would be.
 */
import { Agent, get } from 'node:http';

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

/** Resolves with the status code once the whole answer has arrived; rejects if `signal` aborts. */
export function httpGet(url: string, signal: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, signal }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
