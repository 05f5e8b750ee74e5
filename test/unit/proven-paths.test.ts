import { describe, expect, it } from 'vitest';
import { provenPaths } from '../support/proven-paths.js';

describe('the proven-paths summary', () => {
  it('names a path proved only when its tests passed, and never counts a test for the wrong path', () => {
    const lines = provenPaths([
      { name: "modes > 2 cpu units ('proc' readers) > process", state: 'passed' },
      { name: 'modes > 2 cpu units (portable readers) > process', state: 'passed' },
      { name: 'modes > 2 cpu units (portable readers) > thread', state: 'failed' },
      { name: 'python runtime with the spawn start method > race', state: 'skipped' },
    ]);
    expect(lines[0]).toMatch(/^\/proc readers.*: proved \(1 passed, 0 failed, 0 skipped\)/);
    expect(lines[1]).toMatch(/: FAILED \(1 passed, 1 failed, 0 skipped\)/);
    expect(lines[2]).toMatch(/: not run \(0 passed, 0 failed, 1 skipped\)/);
  });
});
