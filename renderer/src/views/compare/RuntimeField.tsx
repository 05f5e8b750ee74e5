/** The Node | Python choice of a study form; shown only where main found a python3. */
import type { Runtime } from '../../../../contract/domain.js';
import { Field } from '../Field.js';

interface Props {
  id: string;
  value: Runtime;
  onChange: (runtime: Runtime) => void;
}

export function RuntimeField({ id, value, onChange }: Props) {
  return (
    <Field id={id} label="Runtime">
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Runtime)}>
        <option value="node">Node</option>
        <option value="python">Python</option>
      </select>
    </Field>
  );
}
