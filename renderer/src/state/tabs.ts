/**
 * The dashboard's tabs and the URL hash that names the open one (#live, #scenarios, #compare), so a
 * link or a reload keeps it. Only the hash changes: the query (the dashboard's ?token=…) stays as it is.
 */
export const TABS = ['live', 'scenarios', 'compare'] as const;
export type Tab = (typeof TABS)[number];

export const TAB_WORDS: Record<Tab, string> = { live: 'Live', scenarios: 'Scenarios', compare: 'Compare' };

/** '#scenarios' → 'scenarios'; anything else (empty, unknown) → 'live'. */
export function tabOfHash(hash: string): Tab {
  const name = hash.replace(/^#/, '').toLowerCase();
  return (TABS as readonly string[]).includes(name) ? (name as Tab) : 'live';
}

export const hashOfTab = (tab: Tab): string => `#${tab}`;
