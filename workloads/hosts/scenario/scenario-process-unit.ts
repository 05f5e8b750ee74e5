/**
 * One scenario unit as a process of its own: the commons are files, the coordinator is its parent.
 * Like every host it ends the moment its parent is gone, so it never outlives the run.
 */
import type { CoordinatorToUnit } from '../../../contract/host-protocol.js';
import { fileCommons } from '../../sync/file-commons.js';
import { readSpec, sendAndDrain, watchParent } from '../parent-link.js';
import { mainThreadId } from '../os-thread.js';
import { messagingUnit } from './scenario-kit.js';
import type { ProcessUnitData } from './scenario-process.js';

const data = readSpec<ProcessUnitData>();
let lastSent = Promise.resolve();
const unit = messagingUnit(data, fileCommons(data.dir, data.plan), mainThreadId(process.pid), (m) => (lastSent = sendAndDrain(m)));
watchParent(() => unit.hear({ kind: 'stop' }));
process.on('message', (m: CoordinatorToUnit) => {
  if (m.kind === 'go') unit.hear(m);
});
await unit.run();
await lastSent; // the final report is on its way before the process goes
process.exit(0);
