/** One labelled chip for a unit (or a fold of many) in its run's colour: the same colour as its lane. */
import type { CSSProperties } from 'react';
import type { Chip } from '../../state/core-chips.js';
import { runColorVar } from '../../state/run-colors.js';

export function UnitChip({ chip, color }: { chip: Chip; color: number }) {
  const style = { '--chip': runColorVar(color) } as CSSProperties;
  const title = chip.units > 1 ? `${chip.units} units of run ${chip.runId} last ran on this core` : `unit ${chip.label} last ran on this core`;
  return (
    <span className={chip.idle ? 'chip chip-idle' : 'chip'} style={style} title={chip.idle ? `${title} (waiting, not computing)` : title}>
      {chip.label}
    </span>
  );
}
