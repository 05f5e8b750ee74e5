/** What the monitor itself costs: the sampling process's CPU (% of one core) and RSS between two reads. */
export class SelfCost {
  private prevCpu = process.cpuUsage();
  private prevAt = performance.now();

  read(): { cpuPct: number; bytes: number } {
    const cpu = process.cpuUsage(this.prevCpu);
    const now = performance.now();
    const pct = now > this.prevAt ? ((cpu.user + cpu.system) / 1000 / (now - this.prevAt)) * 100 : 0;
    this.prevCpu = process.cpuUsage();
    this.prevAt = now;
    return { cpuPct: pct, bytes: process.memoryUsage.rss() }; // rss() alone: memoryUsage() also gathers V8 heap statistics
  }
}
