/**
 * The architecture's layers are enforced by the lint (eslint.config.js, eslint-plugin-boundaries): a
 * wrong import written anywhere is an error. Each case lints a line as if it sat in that folder.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message);
}

// ESLint with the TypeScript resolver takes seconds on its first file (more on a busy machine)
describe('layer rules', { timeout: 60_000 }, () => {
  it.each([
    ['renderer/src/probe.ts', "import '../../main/engine/engine.js';", /type "engine" are not allowed in elements of type "renderer"/],
    ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs'; export const r = readFileSync;", /origin "core" are not allowed in elements of type "renderer"/],
    ['workloads/hosts/probe.ts', "import '../../main/engine/engine.js';", /type "engine" are not allowed in elements of type "workloads"/],
    ['contract/probe.ts', "import '../lib/format.js';", /type "lib" are not allowed in elements of type "contract"/],
    ['main/engine/probe.ts', "import { app } from 'electron'; export const a = app;", /source "electron"/],
    ['main/engine/probe.ts', "import '../server/dashboard-server.js';", /type "server" are not allowed in elements of type "engine"/],
    ['preload/probe.ts', "import '../main/engine/engine.js';", /type "engine" are not allowed in elements of type "preload"/],
  ])('refuses %s importing %s', async (file, code, reason) => {
    expect(await layerErrors(file, code)).toEqual([expect.stringMatching(reason)]);
  });

  it.each([
    ['renderer/src/probe.ts', "import '../../contract/methods.js';"],
    ['workloads/hosts/probe.ts', "import '../../contract/host-protocol.js';"],
    ['main/electron/probe.ts', "import { app } from 'electron'; import '../engine/engine.js'; export const a = app;"],
    ['main/cli/probe.ts', "import '../engine/engine.js'; import '../server/dashboard-server.js';"],
  ])('allows %s importing %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
