/** The one size rule for a recording handed to the page to replay (the desktop's Open recording, a dropped file). */
import { RECORDING_MAX_BYTES } from '../../contract/recording.js';
import { formatBytes } from '../format.js';

/** null when a file of this size can be replayed; else the one line saying why not. */
export function replaySizeRefusal(bytes: number): string | null {
  if (bytes <= RECORDING_MAX_BYTES) return null;
  return `${formatBytes(bytes)} is more than the ${formatBytes(RECORDING_MAX_BYTES)} a replay can hold (corescope export reads it)`;
}
