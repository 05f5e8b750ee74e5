/** "1, 2,4,8" → [1, 2, 4, 8]: the memory study's counts as typed (the contract's schema then judges them). */
export const parseCountList = (text: string): number[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
