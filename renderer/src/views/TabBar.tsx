/**
 * The tabs under the top bar: Live (the dashboard), Scenarios (the article's demonstrations), Compare.
 * The open tab lives in the URL hash (#live, #scenarios, #compare), so a link or a reload keeps it;
 * the query, which carries the dashboard's token, is never touched.
 */
import { TABS, TAB_WORDS, type Tab } from '../state/tabs.js';

export function TabBar({ tab, onTab }: { tab: Tab; onTab: (t: Tab) => void }) {
  return (
    <nav className="tabbar" aria-label="views">
      <div role="tablist" aria-label="views" className="tabs">
        {TABS.map((t) => (
          <a
            key={t}
            role="tab"
            id={`tab-${t}`}
            href={`#${t}`}
            aria-selected={t === tab}
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
