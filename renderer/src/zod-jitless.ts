/**
 * The renderer runs under a strict CSP (no eval). zod compiles fast parsers with `new Function` unless
 * told not to, and it probes for that when the contract's schemas are built, which the CSP reports as
 * a violation. Imported first by main.tsx, so it runs before contract/schemas.ts builds any schema.
 */
import { z } from 'zod';

z.config({ jitless: true });
