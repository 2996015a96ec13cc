/**
 * The pane's tabs on one row: the tabs that do not fit the pane's width are taken out of the row (kept
 * in the DOM, invisible, to be measured) and offered by a "more" menu; the selected tab always stays.
 * A small measurement of our own rather than Fluent's Overflow, which would weigh on the initial bundle;
 * the menu itself is a lazily loaded chunk for the same reason.
 */
import { Suspense, lazy, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import { Button, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import type { TabItem } from './tabItem';

const TabsMenu = lazy(() => import(/* webpackChunkName: "tabs-menu", webpackPrefetch: true */ './TabsMenu'));

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'nowrap',
    alignItems: 'center',
    minWidth: 0,
    position: 'relative',
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalM})`,
  },
  tabs: { flexWrap: 'nowrap', minWidth: 0 },
});

/** Out of the row, out of reach (no focus, not read out), still measurable. */
const OUT: CSSProperties = {
  position: 'absolute',
  visibility: 'hidden',
  pointerEvents: 'none',
  left: 0,
  top: 0,
};

export type { TabItem };

/** The tabs to take out of the row: as few as needed, the last ones first, never the selected one. */
export function tabsToHide(
  items: TabItem[],
  widths: number[],
  available: number,
  moreWidth: number,
  selected: string,
): Set<string> {
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= available) return new Set();
  let used = moreWidth + (widths[items.findIndex((t) => t.id === selected)] ?? 0);
  const keep = new Set([selected]);
  // in order, up to the first that does not fit: the row never skips a tab to show a later one
  for (let i = 0; i < items.length; i++) {
    if (items[i].id === selected) continue;
    if (used + widths[i] > available) break;
    used += widths[i];
    keep.add(items[i].id);
  }
  return new Set(items.filter((t) => !keep.has(t.id)).map((t) => t.id));
}

export interface TabBarProps {
  items: TabItem[];
  selected: string;
  onSelect: (id: string) => void;
  label: string;
  moreLabel: string;
}

export function TabBar({ items, selected, onSelect, label, moreLabel }: TabBarProps) {
  const styles = useStyles();
  const bar = useRef<HTMLDivElement>(null);
  const more = useRef<HTMLSpanElement>(null);
  // a resize re-renders; the layout effect below then measures again
  const [, resized] = useState(0);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());

  useLayoutEffect(() => {
    const el = bar.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => resized(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // after every render: labels change with the language, widths with the pane; setHidden only runs
  // when the set of hidden tabs really changes, so the render chain stops at once
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const widths = items.map(
      (t) => bar.current?.querySelector<HTMLElement>(`#tab-${t.id}`)?.offsetWidth ?? 0,
    );
    const next = tabsToHide(
      items,
      widths,
      bar.current?.clientWidth ?? 0,
      more.current?.offsetWidth ?? 0,
      selected,
    );
    if (next.size !== hidden.size || [...next].some((id) => !hidden.has(id))) setHidden(next);
  });

  const hiddenItems = items.filter((t) => hidden.has(t.id));
  return (
    <div className={styles.bar} ref={bar}>
      <TabList
        className={styles.tabs}
        selectedValue={selected}
        onTabSelect={(_, data) => onSelect(data.value as string)}
        aria-label={label}
        size="small"
      >
        {items.map((tab) => (
          <Tab
            key={tab.id}
            id={`tab-${tab.id}`}
            value={tab.id}
            aria-controls={selected === tab.id ? `panel-${tab.id}` : undefined}
            aria-hidden={hidden.has(tab.id) || undefined}
            tabIndex={hidden.has(tab.id) ? -1 : undefined}
            style={hidden.has(tab.id) ? OUT : undefined}
            data-testid={`tab-${tab.id}`}
          >
            {tab.label}
          </Tab>
        ))}
      </TabList>
      {/* measured even when not needed, so the row knows the room it takes */}
      <span
        ref={more}
        style={hiddenItems.length ? { flexShrink: 0 } : OUT}
        aria-hidden={hiddenItems.length ? undefined : true}
      >
        {hiddenItems.length > 0 ? (
          <Suspense
            fallback={
              <Button appearance="transparent" size="small" disabled>
                {moreLabel}
              </Button>
            }
          >
            <TabsMenu tabs={hiddenItems} label={moreLabel} onSelect={onSelect} />
          </Suspense>
        ) : (
          <Button appearance="transparent" size="small" disabled>
            {moreLabel}
          </Button>
        )}
      </span>
    </div>
  );
}
