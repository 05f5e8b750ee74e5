/** For boundary tests: what a parser says about an input — 'accepted', or its one-line InvalidInput reason. */
import { expect } from 'vitest';
import { InvalidInput } from '../../contract/refusal.js';

export const refusalOf =
  (parse: (input: unknown) => unknown) =>
  (input: unknown): string => {
    try {
      parse(input);
      return 'accepted';
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidInput);
      return (e as Error).message;
    }
  };
