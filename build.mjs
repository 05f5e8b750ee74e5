// Builds what runs under plain Node: the CLI bundle and the workload hosts, into dist/.
// (The Electron app — main, preload, renderer — is built by electron-vite into out/.)
// Runs on `npm install` (prepare), so `npx corescope` works right after the first command.
import { build } from 'esbuild';

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
    entryPoints: ['workloads/hosts/loop-host.ts', 'workloads/hosts/thread-host.ts', 'workloads/hosts/thread-unit.ts'],
    outdir: 'dist/workloads/hosts',
  }),
]);
