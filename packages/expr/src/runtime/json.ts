// EXTRACTJSONFIELD: reads a JSONPath subset ($, .name, ['name'], [index]) from JSON text.
// Strings come back unquoted, other values as JSON text; bad JSON or a missing path gives null.

const STEP =
  /^(?:\.([^.[\]]+)|\[\s*'((?:[^']|\\')*)'\s*\]|\[\s*"((?:[^"]|\\")*)"\s*\]|\[\s*(\d+)\s*\])/;
const paths = new Map<string, (string | number)[] | null>();

export function jsonPath(path: string): (string | number)[] | null {
  let steps = paths.get(path);
  if (steps !== undefined) return steps;
  steps = parsePath(path.trim());
  if (paths.size > 500) paths.clear();
  paths.set(path, steps);
  return steps;
}

function parsePath(path: string): (string | number)[] | null {
  if (!path.startsWith("$")) return null;
  const steps: (string | number)[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (!m) return null;
    steps.push(m[4] !== undefined ? Number(m[4]) : (m[1] ?? m[2] ?? m[3]));
    rest = rest.slice(m[0].length);
  }
  return steps;
}

export function extractJsonField(json: unknown, path: unknown): string | null {
  if (json == null || path == null) return null;
  const steps = jsonPath(String(path));
  if (!steps) return null;
  let node: unknown;
  try {
    node = JSON.parse(String(json));
  } catch {
    return null;
  }
  for (const step of steps) {
    if (node === null || typeof node !== "object") return null;
    node = (node as Record<string | number, unknown>)[step];
  }
  if (node == null) return null;
  return typeof node === "string" ? node : JSON.stringify(node);
}
