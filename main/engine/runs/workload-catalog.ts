/** The workloads a run can use, with the words the launcher shows for each. */
import type { WorkloadInfo } from '../../../contract/catalog.js';

export const WORKLOAD_CATALOG: WorkloadInfo[] = [
  {
    name: 'cpu',
    summary: 'Counts primes: pure computation. As processes or threads it fills every core; as async tasks it shares one.',
    params: ['durationS', 'work'],
  },
  {
    name: 'io-sleep',
    summary:
      'Waits on a timer, like a unit blocked on I/O: the unit itself costs no CPU, so thousands can wait at once. Watching it costs a little, all of it the sampler: measured every 100 ms, ~0.04 % of a core per idle process, ~0.01 % per idle thread, ~0.0001 % per waiting async task (README, "The observer effect").',
    params: ['durationS'],
  },
  {
    name: 'mem',
    summary: 'Allocates and touches M MB, then holds it: shows what each unit adds to memory.',
    params: ['durationS', 'mb'],
  },
];
