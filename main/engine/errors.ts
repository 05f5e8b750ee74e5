/** An input the engine refuses: the message is the one line a person reads (CLI exit 2, IPC/WS error). */
export class InvalidInput extends Error {
  override name = 'InvalidInput';
}
