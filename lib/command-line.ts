/**
 * A command line as typed into the desktop app's "Watch a program" field, split into its argument
 * vector the way a POSIX shell splits words (spaces separate; '…' keeps everything; "…" keeps all but
 * \" and \\; a backslash outside quotes keeps the next character) — and nothing more: no globs, no
 * variables, no pipes. The engine starts argv[0] without a shell, so what is typed is what runs.
 */

export type SplitResult = { ok: true; argv: string[] } | { ok: false; error: string };

export function splitCommandLine(line: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote === "'") {
      if (ch === "'") quote = null;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { ok: false, error: 'the command ends with a lone backslash' };
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inWord) argv.push(word);
  return { ok: true, argv };
}
