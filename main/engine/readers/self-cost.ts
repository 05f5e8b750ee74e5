/** RSS moves slowly and reading it costs a syscall and a /proc walk, so it is refreshed at most this often. */
const RSS_EVERY_MS = 1000;

/** What the monitor itself costs: the sampling process's CPU (% of one core) and RSS between two reads. */
export class SelfCost {
  private prevCpu = process.cpuUsage();
  private prevAt = performance.now();
  private rss = process.memoryUsage.rss(); // rss() alone: memoryUsage() also gathers V8 heap statistics
  private rssAt = this.prevAt;

  read(): { cpuPct: number; bytes: number } {
    // one cpuUsage() per read, kept as the next baseline: nothing spent between two calls goes uncounted
    const cpu = process.cpuUsage();
    const now = performance.now();
    const usedUs = cpu.user - this.prevCpu.user + (cpu.system - this.prevCpu.system);
    const pct = now > this.prevAt ? (usedUs / 1000 / (now - this.prevAt)) * 100 : 0;
    this.prevCpu = cpu;
    this.prevAt = now;
    if (now - this.rssAt >= RSS_EVERY_MS) {
      this.rss = process.memoryUsage.rss();
      this.rssAt = now;
    }
    return { cpuPct: pct, bytes: this.rss };
  }
}
