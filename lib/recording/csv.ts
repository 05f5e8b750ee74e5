/** A recording's samples for a spreadsheet: one row per sample per core, time in seconds from the start. */
import type { DecodedRecording } from './decode.js';

export function recordingToCsv(rec: DecodedRecording): string {
  const rows = ['time_s,core,busy_pct,memory_used_bytes,units_sampled'];
  for (const f of rec.frames) {
    if (f.stream !== 'snapshot') continue;
    const s = f.data;
    const time = ((s.t - rec.header.startedAt) / 1000).toFixed(3);
    s.cores.forEach((busy, core) => rows.push(`${time},${core},${busy},${s.memory.usedBytes},${s.units.length}`));
  }
  return rows.join('\n') + '\n';
}
