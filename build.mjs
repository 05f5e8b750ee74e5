// Builds everything into dist/ and out/: the CLI bundle and the workload hosts (plain Node, esbuild),
// then the Electron app — main, sandboxed preload, renderer — with electron-vite (the renderer is also
// what `corescope serve` serves). Runs on `npm install` (prepare), so `npx corescope` works at once.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { build as buildApp } from 'electron-vite';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
};

// The hosts run from app.asar.unpacked in the packaged app, where Node's package lookup never reaches
// the node_modules packed inside app.asar: each host bundle carries every dependency it uses and imports
// only node: builtins. `.mjs` makes them ES modules by name, with no package.json beside them.
const hosts = {
  ...common,
  outExtension: { '.js': '.mjs' },
};
// The CLI imports its packages from node_modules, except zod: every command validates its input with
// it, and as a package it is ~100 ES module files for Node to resolve and load one by one (~100 ms of
// each start-up, measured); bundled it is one.
const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8'));
const cliExternal = Object.keys(dependencies).filter((name) => name !== 'zod');

// electron-builder ships all of dist/workloads: nothing stale from an older build may ride along
rmSync('dist/workloads', { recursive: true, force: true });
rmSync('dist/cli-chunks', { recursive: true, force: true });

await Promise.all([
  // split: each command is a chunk imported when chosen (main/cli/index.ts), so start-up loads one command's packages
  build({ ...common, external: cliExternal, splitting: true, chunkNames: 'cli-chunks/[name]-[hash]', entryPoints: { cli: 'main/cli/index.ts' }, outdir: 'dist' }),
  build({
    ...hosts,
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
      // kills a watched command's tree if CoreScope dies without ending it (watch -- CMD)
      'tree-watchdog': 'workloads/hosts/tree-watchdog.ts',
    },
    outdir: 'dist/workloads/hosts',
  }),
]);
if (!process.argv.includes('--node-only')) await buildApp({ logLevel: 'warn' });
