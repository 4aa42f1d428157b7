"use client";
// Accessible tabs (arrow keys move between tabs). Panels stay mounted only while shown.
import { type KeyboardEvent, type ReactNode, useId, useState } from "react";

export interface TabSpec {
  id: string;
  title: ReactNode;
  render: () => ReactNode;
}

export function Tabs({
  tabs,
  label,
  initial,
}: {
  tabs: TabSpec[];
  label: string;
  initial?: string;
}) {
  const [active, setActive] = useState(initial ?? tabs[0].id);
  const base = useId();
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.indexOf(current);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    setActive(next.id);
    document.getElementById(`${base}-${next.id}`)?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${base}-${t.id}`}
            type="button"
            role="tab"
            aria-selected={t.id === current.id}
            aria-controls={`${base}-${t.id}-panel`}
            tabIndex={t.id === current.id ? 0 : -1}
            data-testid={`tab-${t.id}`}
            onClick={() => setActive(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div
        className="tab-body"
        role="tabpanel"
        id={`${base}-${current.id}-panel`}
        aria-labelledby={`${base}-${current.id}`}
      >
        {current.render()}
      </div>
    </>
  );
}
