// Three projects, one after another (sequence.groupOrder): fast pure tests in parallel; then the tests
// that start real processes and measure CPU, one file at a time (on 2 cores, two CPU-bound tests at once
// would halve each other's numbers); then the end-to-end tests in a real browser, also one at a time.
import { defineConfig } from 'vitest/config';
import ProvenPathsReporter from './test/support/proven-paths.js';

export default defineConfig({
  test: {
    // CI's log ends with which platform paths the run proved (the portable ones are emulated on Linux)
    reporters: ['default', new ProvenPathsReporter()],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
