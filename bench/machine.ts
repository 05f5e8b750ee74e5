/** The facts that make bench figures comparable across machines and runs. */
import os from 'node:os';
import { OS } from '../main/engine/platform.js';

export interface MachineFacts {
  date: string;
  cpuModel: string;
  logicalCores: number;
  totalMemoryBytes: number;
  platform: string;
  osRelease: string;
  nodeVersion: string;
  /** 1-minute load average when the bench started: a busy machine skews every figure */
  loadAvg1AtStart: number;
}

export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    logicalCores: cpus.length,
    totalMemoryBytes: os.totalmem(),
    platform: OS,
    osRelease: os.release(),
    nodeVersion: process.version,
    loadAvg1AtStart: os.loadavg()[0],
  };
}
