// Undo/redo as a pure value: past and future documents around the present one.
export interface History<T> {
  past: T[];
  future: T[];
}

const LIMIT = 200;

export const emptyHistory = <T>(): History<T> => ({ past: [], future: [] });

/** Records `previous` before a new present; a fresh edit forgets the redo branch. */
export function record<T>(h: History<T>, previous: T): History<T> {
  return { past: [...h.past.slice(-(LIMIT - 1)), previous], future: [] };
}

export function undo<T>(h: History<T>, present: T): { history: History<T>; present: T } | null {
  if (h.past.length === 0) return null;
  return {
    history: { past: h.past.slice(0, -1), future: [present, ...h.future] },
    present: h.past[h.past.length - 1],
  };
}

export function redo<T>(h: History<T>, present: T): { history: History<T>; present: T } | null {
  if (h.future.length === 0) return null;
  return {
    history: { past: [...h.past, present], future: h.future.slice(1) },
    present: h.future[0],
  };
}
