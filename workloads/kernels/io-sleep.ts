/** The io-sleep kernel: wait on a timer, as a unit blocked on I/O does. Costs no CPU while it waits. */
import { sleepUnlessAborted } from './abortable-sleep.js';

export const runIoSleep = (durationS: number, signal: AbortSignal): Promise<void> => sleepUnlessAborted(durationS * 1000, signal);
