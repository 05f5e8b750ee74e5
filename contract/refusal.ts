/**
 * The one way an input is refused, at every boundary: parseOrRefuse parses with a contract schema and
 * throws InvalidInput, whose message is the one line a person reads (CLI exit 2, IPC/WebSocket reply)
 * and whose field, when the schema's issue names one, tells a form which input to mark.
 */
import type { z } from 'zod';

export class InvalidInput extends Error {
  override name = 'InvalidInput';
  constructor(
    message: string,
    /** the input the reason is about (zod's issue path, e.g. "units"); absent: the request as a whole */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One refusal from a zod failure: every issue's message on one line, and the field of the first one. */
export function refusalOf(error: z.ZodError): InvalidInput {
  // every message of ours names its field ("units must be …"); zod's own ones ("Unrecognized key") name the key
  const message = error.issues.map((i) => i.message).join('; ');
  const path = error.issues[0]?.path ?? [];
  return new InvalidInput(message, path.length ? path.map(String).join('.') : undefined);
}

export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw refusalOf(parsed.error);
  return parsed.data;
}
