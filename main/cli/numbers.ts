/** Flag values arrive as strings; the schemas decide what is valid, so these only convert and tidy. */
export const toNumber = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));

/** Leave out flags that weren't given, so the schema's defaults and "unknown key" checks apply. */
export const dropUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
