// Builds everything into dist/ and out/: the CLI bundle and the workload hosts (plain Node, esbuild),
// then the Electron app — main, sandboxed preload, renderer — with electron-vite (the renderer is also
// what `corescope serve` serves). Runs on `npm install` (prepare), so `npx corescope` works at once.
import { build } from 'esbuild';
import { build as buildApp } from 'electron-vite';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { cli: 'main/cli/index.ts' }, outdir: 'dist' }),
  build({
    ...common,
    // one flat folder of hosts (they find each other by name beside themselves)
    entryPoints: {
      'loop-host': 'workloads/hosts/loop-host.ts',
      'thread-host': 'workloads/hosts/thread-host.ts',
      'thread-unit': 'workloads/hosts/thread-unit.ts',
      // the scenarios: the coordinator, its units as threads or processes, the slow HTTP server
      'scenario-host': 'workloads/hosts/scenario/scenario-host.ts',
      'scenario-thread-unit': 'workloads/hosts/scenario/scenario-thread-unit.ts',
      'scenario-process-unit': 'workloads/hosts/scenario/scenario-process-unit.ts',
      'slow-http-server': 'workloads/hosts/scenario/slow-http-server.ts',
    },
    outdir: 'dist/workloads/hosts',
  }),
]);
if (!process.argv.includes('--node-only')) await buildApp({ logLevel: 'warn' });
