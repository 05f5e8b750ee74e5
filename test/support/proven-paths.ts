/**
 * A vitest reporter that ends every run with the platform paths it proved: the test names say which
 * (describe.each prints a reader set quoted: "('proc' readers)")
 * reader set or Python start method a test ran with, so CI on Linux states what it proved of the
 * macOS/Windows paths (emulated here) and what it did not run at all.
 */
import type { Reporter, TestModule } from 'vitest/node';
import { OS } from '../../main/engine/platform.js';

const PLATFORM_PATHS = [
  { path: '/proc readers (Linux)', marker: /\bproc'? readers\b/ },
  { path: 'portable readers (the macOS/Windows path: systeminformation, pidusage)', marker: /\bportable'? readers\b/ },
  { path: "Python's spawn start method (the macOS/Windows default)", marker: /\bspawn start method\b/ },
] as const;

interface Outcome {
  name: string;
  state: string;
}

/** Per platform path, how many of the tests named for it passed, failed or were skipped. */
export function provenPaths(outcomes: readonly Outcome[]): string[] {
  return PLATFORM_PATHS.map(({ path, marker }) => {
    const mine = outcomes.filter((o) => marker.test(o.name));
    const count = (state: string) => mine.filter((o) => o.state === state).length;
    const verdict = mine.length === 0 ? 'not run' : count('failed') > 0 ? 'FAILED' : count('passed') > 0 ? 'proved' : 'not run';
    return `${path}: ${verdict} (${count('passed')} passed, ${count('failed')} failed, ${count('skipped')} skipped)`;
  });
}

export default class ProvenPathsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const outcomes = testModules.flatMap((m) => [...m.children.allTests()].map((t) => ({ name: t.fullName, state: t.result().state })));
    console.log(`\nplatform paths on ${OS}:\n  ${provenPaths(outcomes).join('\n  ')}\n  macOS, Windows: not run here (their branches are written, not proved)`);
  }
}
