/** Inside one worker thread: name itself cs-t<index>, attach to the shared buffer, run the unit's body. */
import { parentPort, workerData } from 'node:worker_threads';
import { atomicsCommons } from '../../sync/atomics-commons.js';
import { nameOwnThread, ownThreadId } from '../os-thread.js';
import { messagingUnit } from './scenario-kit.js';
import type { ThreadUnitData } from './scenario-thread.js';

const data = workerData as ThreadUnitData;
nameOwnThread(`cs-t${data.index}`);
const unit = messagingUnit(data, atomicsCommons(data.buffer, data.plan), ownThreadId(), (m) => parentPort?.postMessage(m));
parentPort?.on('message', unit.hear);
await unit.run();
parentPort?.close();
