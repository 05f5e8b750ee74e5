#!/usr/bin/env node
// The `corescope` command: the CLI is built into dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('corescope: dist/cli.js is missing; run "npm run build" in the CoreScope folder');
  process.exit(1);
}
await import(cli.href);
