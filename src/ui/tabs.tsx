import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';
import { useUrlState } from './url-state';

export interface Tab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/** WAI-ARIA tabs whose selection lives in the URL (`?tab=`), with arrow-key navigation. */
export function Tabs({
  tabs,
  param = 'tab',
  label,
}: {
  tabs: Tab[];
  param?: string;
  label: string;
}) {
  const [selected, setSelected] = useUrlState(param, tabs[0]?.id ?? '');
  const baseId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const active = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === active?.id);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    setSelected(next.id, true);
    listRef.current
      ?.querySelector<HTMLButtonElement>(`#${CSS.escape(`${baseId}-${next.id}`)}`)
      ?.focus();
  };
  return (
    <div className="tabs">
      <div
        className="tabs__list"
        role="tablist"
        aria-label={label}
        ref={listRef}
        onKeyDown={onKeyDown}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`${baseId}-${tab.id}`}
            type="button"
            role="tab"
            className="tabs__tab"
            aria-selected={tab.id === active?.id}
            aria-controls={`${baseId}-${tab.id}-panel`}
            tabIndex={tab.id === active?.id ? 0 : -1}
            onClick={() => setSelected(tab.id, true)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {active && (
        <div
          className="tabs__panel"
          role="tabpanel"
          id={`${baseId}-${active.id}-panel`}
          aria-labelledby={`${baseId}-${active.id}`}
        >
          {active.render()}
        </div>
      )}
    </div>
  );
}
