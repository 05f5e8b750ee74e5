/**
 * The IPC channel names, apart from api.ts so that the sandboxed preload can import them without
 * pulling zod into its bundle: a sandboxed preload's require serves only electron, events, timers and url.
 */
export const CHANNELS = {
  system: 'corescope:system',
  workloads: 'corescope:workloads',
  scenarios: 'corescope:scenarios',
  startRun: 'corescope:start-run',
  stopRun: 'corescope:stop-run',
  runScenario: 'corescope:run-scenario',
  setInterval: 'corescope:set-interval',
  setPython: 'corescope:set-python',
  snapshot: 'corescope:snapshot',
  runEvent: 'corescope:run-event',
  runCompare: 'corescope:run-compare',
  runMemoryCost: 'corescope:run-memory-cost',
  savePng: 'corescope:save-png',
  studyEvent: 'corescope:study-event',
} as const;
