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

/** The tab an arrow key moves to, as an ARIA tablist does (wrapping; Home and End to the ends); null for other keys. */
export function tabAfterKey(tab: Tab, key: string): Tab | null {
  const i = TABS.indexOf(tab);
  switch (key) {
    case 'ArrowRight':
      return TABS[(i + 1) % TABS.length]!;
    case 'ArrowLeft':
      return TABS[(i + TABS.length - 1) % TABS.length]!;
    case 'Home':
      return TABS[0];
    case 'End':
      return TABS[TABS.length - 1]!;
    default:
      return null;
  }
}
