/**
 * A unit or host that dies on its own is reported as failed with its reason, in `--json` and in the
 * table, never as a silent end. The faults are injected (CORESCOPE_INJECT_FAULT, workloads/hosts/fault.ts)
 * into real hosts: a unit that throws, a Node host that dies of an uncaught error, a Python exception.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../contract/run-events.js';
import { hostPids, runCli } from './helpers.js';

const withFault = async <T>(fault: string, body: () => Promise<T>): Promise<T> => {
  process.env.CORESCOPE_INJECT_FAULT = fault; // startCli passes the environment on, and the CLI to its hosts
  try {
    return await body();
  } finally {
    delete process.env.CORESCOPE_INJECT_FAULT;
  }
};

const run = (fault: string, args: string[]) => withFault(fault, () => runCli(['run', '--workload', 'cpu', '--duration', '3', ...args]));

describe('crash reporting', () => {
  afterAll(() => expect(hostPids()).toEqual([]));

  it.each([['thread'], ['process'], ['async']])('a unit that throws shows failed with its message in --json (%s)', async (mode) => {
    const r = await run('unit-throws', ['--mode', mode, '--units', '2', '--json']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout) as RunSummary;
    expect(s.unitResults.map((u) => [u.state, u.reason])).toEqual([
      ['failed', 'injected fault: the unit threw'],
      ['failed', 'injected fault: the unit threw'],
    ]);
  });

  it('a unit that throws shows failed with its message in the table', async () => {
    const r = await run('unit-throws', ['--mode', 'thread', '--units', '1']);
    expect(r.stdout).toMatch(/│ 0\s+│.*│ failed │/);
    expect(r.stdout).toContain('unit 0 failed: injected fault: the unit threw');
  });

  it('a host that dies of an uncaught error fails its units with its exit code and the error', async () => {
    const r = await run('host-crashes', ['--mode', 'async', '--units', '2', '--json']);
    const s = JSON.parse(r.stdout) as RunSummary;
    for (const u of s.unitResults) {
      expect(u.state).toBe('failed');
      expect(u.reason).toMatch(/^exit code 1: .*Error: injected fault: the host crashed$/);
    }
  });

  it('a Python exception in a unit, and one that ends the Python host, are reported with their message', async () => {
    const unit = JSON.parse((await run('unit-throws', ['--runtime', 'python', '--mode', 'process', '--units', '1', '--json'])).stdout) as RunSummary;
    expect(unit.unitResults[0]).toMatchObject({ state: 'failed', reason: 'injected fault: the unit raised' });
    const host = JSON.parse((await run('host-crashes', ['--runtime', 'python', '--mode', 'thread', '--units', '1', '--json'])).stdout) as RunSummary;
    expect(host.unitResults[0].state).toBe('failed');
    expect(host.unitResults[0].reason).toMatch(/^exit code 1: .*RuntimeError: injected fault: the host crashed$/);
  });
});
