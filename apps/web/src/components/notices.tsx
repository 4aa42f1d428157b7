"use client";
// Toast area for notices; errors stay until dismissed, others fade after a few seconds.
import { useEffect } from "react";
import { useNotices } from "../store/notice-store";

export function Notices() {
  const notices = useNotices((s) => s.notices);
  const dismiss = useNotices((s) => s.dismiss);

  useEffect(() => {
    const transient = notices.filter((n) => n.tone !== "error");
    if (transient.length === 0) return;
    const timer = setTimeout(() => dismiss(transient[0].id), 4000);
    return () => clearTimeout(timer);
  }, [notices, dismiss]);

  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} data-testid="notice">
          <span className="grow">{n.message}</span>
          <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
