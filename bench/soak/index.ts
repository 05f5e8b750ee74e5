/**
 * npm run soak [-- --minutes M] [--out DIR] [--leak]: drives a real `corescope serve` for M minutes
 * (default 60), with the dashboard page open in headless chromium throughout, and writes soak.json and
 * soak.svg to DIR (default bench/results). --leak starts the
 * deliberately leaking build (a listener per run), which must fail. Exits 1 when the soak fails.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { soakChart } from './chart.js';
import { soak } from './soak.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '60' }, out: { type: 'string', default: 'bench/results' }, leak: { type: 'boolean', default: false } } });
const minutes = Number(values.minutes);
if (!Number.isInteger(minutes) || minutes < 2) throw new Error('--minutes must be a whole number, 2 or more');

const report = await soak({ minutes, env: values.leak ? { CORESCOPE_LEAK_PER_RUN: '1' } : {}, log: (l) => console.log(l) });
mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'soak.json'), `${JSON.stringify(report, null, 2)}\n`);
const first = report.readings.find((r) => r.minute === report.warmupMinutes) ?? report.readings[0];
const last = report.readings[report.readings.length - 1];
writeFileSync(
  join(values.out, 'soak.svg'),
  soakChart(report.readings, `corescope serve, ${minutes}-minute soak: ${report.passed ? 'passed' : 'FAILED'} (RSS ${(first.rssBytes / 2 ** 20).toFixed(1)} → ${(last.rssBytes / 2 ** 20).toFixed(1)} MB)`, report.longRun),
);
if (report.browser !== 'chromium') console.log(`NOTE: the browser client did not run (${report.browser.skipped}); the page's frames, heap and DOM were not judged`);
console.log(report.passed ? `soak passed (${report.activity.runsStarted} runs)` : `soak FAILED:\n  ${report.failures.join('\n  ')}`);
process.exitCode = report.passed ? 0 : 1;
