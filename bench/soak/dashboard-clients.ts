/**
 * The soak's four dashboard clients: two that read every push as it comes (one of them is the busy
 * user's), one that reads slowly (its socket paused half the time, so the server's send buffer fills),
 * and one that disconnects and connects again every minute. A client the server drops is reconnected.
 */
import { connect, type SocketClient } from './socket-client.js';

/** the slow client reads for this long, then stops reading for as long again */
const SLOW_PHASE_MS = 5000;

export class DashboardClients {
  private readonly clients: Array<{ role: string; client: SocketClient }> = [];
  private slowTimer: NodeJS.Timeout | null = null;
  private closing = false;
  reconnects = 0;
  drops = 0;
  snapshots = 0;

  constructor(private readonly url: string) {}

  async open(): Promise<SocketClient> {
    for (const role of ['user', 'reader', 'slow', 'reconnecting']) await this.add(role);
    let paused = false;
    this.slowTimer = setInterval(() => {
      const slow = this.get('slow');
      paused = !paused;
      if (paused) slow.ws.pause();
      else slow.ws.resume();
    }, SLOW_PHASE_MS);
    return this.get('user');
  }

  private get(role: string): SocketClient {
    return (this.clients.find((c) => c.role === role) as { client: SocketClient }).client;
  }

  private async add(role: string): Promise<void> {
    const client = await connect(this.url);
    client.onPush((p) => {
      if (p.push === 'snapshot' && role === 'reader') this.snapshots++;
    });
    const i = this.clients.findIndex((c) => c.role === role);
    if (i >= 0) this.clients[i] = { role, client };
    else this.clients.push({ role, client });
    // dropped by the server (a slow reader may be): count it and come back, as a page would
    client.ws.once('close', () => {
      if (this.closing || role === 'user' || this.get(role) !== client) return;
      this.drops++;
      setTimeout(() => void this.add(role).catch(() => undefined), 1000).unref();
    });
  }

  /** The reconnecting client's minute: close, and open again. */
  async reconnect(): Promise<void> {
    const old = this.get('reconnecting');
    await this.add('reconnecting'); // the new one first: the count of connections stays put at readings
    await old.close();
    this.reconnects++;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.slowTimer) clearInterval(this.slowTimer);
    await Promise.all(this.clients.map((c) => c.client.close()));
  }
}
