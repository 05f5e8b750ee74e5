/** `corescope export FILE --format perfetto|csv`: a recording for Perfetto (Chrome Trace Event JSON) or a spreadsheet, on stdout. */
import { InvalidInput } from '../../../contract/refusal.js';
import { recordingToCsv } from '../../../lib/recording/csv.js';
import { toPerfetto } from '../../../lib/recording/perfetto.js';
import { loadRecording } from '../recording-file.js';

const FORMATS = ['perfetto', 'csv'] as const;

export async function exportCommand(file: string, flags: { format?: string }): Promise<number> {
  const format = flags.format;
  if (!FORMATS.includes(format as (typeof FORMATS)[number])) throw new InvalidInput(`format must be one of ${FORMATS.join(', ')}: --format perfetto`);
  const { rec } = loadRecording(file);
  const text = format === 'csv' ? recordingToCsv(rec) : JSON.stringify(toPerfetto(rec)) + '\n';
  // `export … | head`: a reader that has gone took what it wanted
  await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e && (e as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(e) : resolve())));
  return rec.damage ? 1 : 0;
}
