/**
 * The "Watch a program" panel's rules, apart from drawing: whether the command field shows (only where
 * the page runs on the desktop app's transport and the API has watchCommand — never in the browser
 * dashboard, whose socket refuses it anyway), and the typed command turned into the argv the contract
 * takes, with the contract's own reason when it is not one.
 */
import type { CoreScopeApi } from '../../../contract/methods.js';
import { refusalOf } from '../../../contract/refusal.js';
import { WatchCommandSchema } from '../../../contract/watch.js';
import { splitCommandLine } from '../../../lib/command-line.js';
import type { Bridge } from '../bridge/pick-bridge.js';

/** The command field is offered on the desktop transport only, and only when the API carries the method. */
export const commandFormShown = (transport: Bridge['transport'], api: Pick<CoreScopeApi, 'watchCommand'>): boolean =>
  transport === 'electron' && typeof api.watchCommand === 'function';

export type CommandCheck = { ok: true; argv: string[] } | { ok: false; error: string };

export function checkCommand(line: string): CommandCheck {
  const split = splitCommandLine(line);
  if (!split.ok) return split;
  const parsed = WatchCommandSchema.safeParse({ argv: split.argv });
  return parsed.success ? { ok: true, argv: parsed.data.argv } : { ok: false, error: refusalOf(parsed.error).message };
}
