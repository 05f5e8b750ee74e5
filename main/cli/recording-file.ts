/** A recording named on the command line, read and decoded; a file that is no recording at all is bad input. */
import { readFileSync } from 'node:fs';
import { InvalidInput } from '../../contract/refusal.js';
import { Damage } from '../../lib/recording/container.js';
import { decodeRecording, type DecodedRecording } from '../../lib/recording/decode.js';

export function loadRecording(file: string): { bytes: Uint8Array; rec: DecodedRecording } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InvalidInput(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code)}`);
  }
  try {
    const rec = decodeRecording(bytes);
    // damage past the header still leaves the frames before it: say so in one line, and go on with them
    if (rec.damage) console.error(`corescope: ${file}: ${rec.damage}`);
    return { bytes, rec };
  } catch (e) {
    if (e instanceof Damage) throw new InvalidInput(`${file}: ${e.message}`);
    throw e;
  }
}
