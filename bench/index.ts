/**
 * `npm run bench`: every benchmark in one run, one after another (they would skew each other's CPU and
 * timing if run together), then one table per bench on stdout and every figure in bench/results/latest.json.
 * `npm run bench -- observer` runs only the observer bench (and writes bench/results/observer.json);
 * `npm run bench -- watch` only the cost of watching a 200-thread program beside htop (bench/results/watch.json).
 */
import { benchCoreLoad } from './core-load.js';
import { benchKernelSpread } from './kernel-spread.js';
import { benchObserver } from './observer.js';
import { machineFacts } from './machine.js';
import { writeLatestResults } from './results-file.js';
import { benchSamplerCost } from './sampler-cost.js';
import { benchSpawnLatency } from './spawn-latency.js';
import { benchRendererCost } from './renderer-cost.js';
import { benchRecordingSize } from './recording-size.js';
import { benchWatchCost } from './watch-cost.js';
import { benchHundredThousand } from './hundred-thousand.js';
import { coreLoadTable, hundredThousandTable, kernelSpreadTable, machineLine, observerTable, recordingTable, rendererTable, samplerTable, spawnTable, watchTable } from './table.js';

const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  process.stderr.write(`bench: ${name}…`);
  const result = await fn();
  process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return result;
};

const t0 = performance.now();
const machine = machineFacts();
if (process.argv.includes('observer')) {
  const observer = await step('observer effect', benchObserver);
  const hundredThousand = await step('100,000 tasks', benchHundredThousand);
  const file = await writeLatestResults({ machine, observer, hundredThousand }, 'observer.json');
  console.log([machineLine(machine), '', observerTable(observer), '', hundredThousandTable(hundredThousand), '', `Figures: ${file}`].join('\n'));
  process.exit(0);
}
if (process.argv.includes('watch')) {
  const watch = await step('watch cost', benchWatchCost);
  const file = await writeLatestResults({ machine, watch }, 'watch.json');
  console.log([machineLine(machine), '', watchTable(watch), '', `Figures: ${file}`].join('\n'));
  process.exit(0);
}
const observer = await step('observer effect', benchObserver);
const hundredThousand = await step('100,000 tasks', benchHundredThousand);
const watch = await step('watch cost', benchWatchCost);
const coreLoad = await step('per-core load readers', benchCoreLoad);
const samplerCost = await step('sampler cost', benchSamplerCost);
const spawnLatency = await step('spawn latency', benchSpawnLatency);
const rendererCost = await step('renderer cost', benchRendererCost);
const kernelSpread = await step('cpu kernel spread per Node', benchKernelSpread);
const recordingSize = await step('recording size', benchRecordingSize);
const totalS = Math.round((performance.now() - t0) / 100) / 10;

const file = await writeLatestResults({ machine, totalS, observer, hundredThousand, watch, samplerCost, coreLoad, spawnLatency, rendererCost, kernelSpread, recordingSize });
console.log(
  [
    machineLine(machine),
    '',
    observerTable(observer),
    '',
    hundredThousandTable(hundredThousand),
    '',
    watchTable(watch),
    '',
    samplerTable(samplerCost),
    '',
    coreLoadTable(coreLoad),
    '',
    spawnTable(spawnLatency),
    '',
    rendererTable(rendererCost),
    '',
    kernelSpreadTable(kernelSpread),
    '',
    recordingTable(recordingSize),
    '',
    `Figures: ${file} (${totalS} s in all)`,
  ].join('\n'),
);
