/**
 * The tabs under the top bar: Live (the dashboard), Scenarios (the article's demonstrations), Compare.
 * The open tab lives in the URL hash (#live, #scenarios, #compare), so a link or a reload keeps it;
 * the query, which carries the dashboard's token, is never touched. An ARIA tablist: one tab stop (the
 * open tab), arrow keys, Home and End move between tabs and open them.
 */
import { useRef, type KeyboardEvent } from 'react';
import { TABS, TAB_WORDS, tabAfterKey, type Tab } from '../state/tabs.js';

export function TabBar({ tab, onTab }: { tab: Tab; onTab: (t: Tab) => void }) {
  const list = useRef<HTMLDivElement>(null);
  const onKey = (e: KeyboardEvent) => {
    const next = tabAfterKey(tab, e.key);
    if (!next) return;
    e.preventDefault();
    onTab(next);
    list.current?.querySelector<HTMLElement>(`#tab-${next}`)?.focus();
  };
  return (
    <nav className="tabbar" aria-label="views">
      <div role="tablist" aria-label="views" className="tabs" ref={list} onKeyDown={onKey}>
        {TABS.map((t) => (
          <a
            key={t}
            role="tab"
            id={`tab-${t}`}
            href={`#${t}`}
            aria-selected={t === tab}
            tabIndex={t === tab ? 0 : -1}
            aria-controls="tab-panel"
            className={t === tab ? 'tab tab-on' : 'tab'}
            onClick={(e) => {
              e.preventDefault();
              onTab(t);
            }}
          >
            {TAB_WORDS[t]}
          </a>
        ))}
      </div>
    </nav>
  );
}
