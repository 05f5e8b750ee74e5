/**
 * Where a replay's bytes come from. A ?replay page in the desktop window asks the shell for the file
 * that File → Open recording… read (openedRecording); in a browser, `corescope replay` serves its file at
 * RECORDING_PATH; a file dropped on a live dashboard is read in the page. Each ends as the same
 * ReplayFile, which Root decodes and plays with the same views.
 */
import type { CoreScopeApi } from '../../../contract/methods.js';
import { RECORDING_PATH, type OpenedRecording } from '../../../contract/recording.js';
import { replaySizeRefusal } from '../../../lib/recording/replay-size.js';
import { tokenOf } from './ws-url.js';

export type ReplayFile = OpenedRecording;

/** The desktop window: the recording the shell opened (its size and header already checked there). */
export async function fromShell(api: CoreScopeApi): Promise<ReplayFile> {
  if (!api.openedRecording) throw new Error('this window cannot open recordings: it has no link to the app');
  const opened = await api.openedRecording();
  if (!opened) throw new Error('no recording is open: File → Open recording… picks one');
  return opened;
}

/** `corescope replay`'s page: the file it serves, named by ?replay= (the token from the page's address). */
export async function fromReplayServer(search: string, fetcher: typeof fetch = fetch): Promise<ReplayFile> {
  const r = await fetcher(`${RECORDING_PATH}?token=${encodeURIComponent(tokenOf(search) ?? '')}`);
  if (!r.ok) throw new Error(`the recording could not be fetched: ${r.status} ${await r.text()}`);
  return { name: new URLSearchParams(search).get('replay') || 'recording', bytes: new Uint8Array(await r.arrayBuffer()) };
}

/** A file dropped on the page: refused by its size before a byte of it is read. */
export async function fromDroppedFile(file: Pick<File, 'name' | 'size' | 'arrayBuffer'>): Promise<ReplayFile> {
  const tooBig = replaySizeRefusal(file.size);
  if (tooBig) throw new Error(tooBig);
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
