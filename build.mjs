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
    entryPoints: [
      'workloads/hosts/loop-host.ts',
      'workloads/hosts/thread-host.ts',
      'workloads/hosts/thread-unit.ts',
      // the scenarios: the coordinator, its units as threads or processes, the slow HTTP server
      'workloads/hosts/scenario-host.ts',
      'workloads/hosts/scenario-thread-unit.ts',
      'workloads/hosts/scenario-process-unit.ts',
      'workloads/hosts/slow-http-server.ts',
    ],
    outdir: 'dist/workloads/hosts',
  }),
]);
if (!process.argv.includes('--node-only')) await buildApp({ logLevel: 'warn' });
