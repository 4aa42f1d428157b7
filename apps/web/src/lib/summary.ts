// One line describing a node's config on the canvas, e.g. `amount > 100` or `tumbling 10s`.
import type { Node } from "@riffle/topology";

export function formatMs(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0 && ms > 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function part(name: string, value: unknown): string | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number") return name.endsWith("Ms") ? formatMs(value) : `${name} ${value}`;
  if (typeof value === "string" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) {
    const names = value.map((v) => (v && typeof v === "object" ? (v as any).name : v));
    return names.filter(Boolean).join(", ") || null;
  }
  if (typeof value === "object") return summarize(value as Record<string, unknown>) || null;
  return null;
}

function summarize(config: Record<string, unknown>): string {
  return Object.entries(config)
    .filter(
      ([name]) =>
        !["store", "offsetReset", "leftAlias", "rightAlias", "keyName", "as"].includes(name),
    )
    .map(([name, value]) => part(name, value))
    .filter((p): p is string => p !== null && p !== "record")
    .join(" · ");
}

export function nodeSummary(node: Node): string {
  return summarize(node.config as Record<string, unknown>);
}
