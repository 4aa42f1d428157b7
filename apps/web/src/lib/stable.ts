// Keeps per-node derived values (ports, findings) identical from one edit to the next when their
// content did not change, so only the nodes an edit touched re-render.
export function stableMap<V>(
  next: Map<string, V>,
  previous: Map<string, V>,
  key: (v: V) => string,
): Map<string, V> {
  const out = new Map<string, V>();
  for (const [id, value] of next) {
    const old = previous.get(id);
    out.set(id, old !== undefined && key(old) === key(value) ? old : value);
  }
  return out;
}
