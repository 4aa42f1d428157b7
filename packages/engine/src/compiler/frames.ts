// Compiled expressions evaluated on records, filling the frames the topology's scopes name:
// key, value, meta (ROWTIME, ROWPARTITION, ROWOFFSET, WINDOWSTART, WINDOWEND), and per kind
// left/right, agg, item. One frames object per compiled expression is reused record after
// record: processing is synchronous, so it is never shared by two evaluations at once.
import { compileExpression, parseExpression, type Scope } from "@riffle/expr";
import type { Projection } from "@riffle/topology";
import { isWindowed, recordContext } from "../processor/processor";
import { CompileError } from "./compile-error";

export interface Meta {
  timestamp: number | null;
  partition: number | null;
  offset: number | null;
  windowStart: number | null;
  windowEnd: number | null;
}

export interface RecordFrames {
  key?: unknown;
  value?: unknown;
  left?: unknown;
  right?: unknown;
  agg?: unknown;
  item?: unknown;
}

/**
 * A null timestamp evaluates on ksqlDB's all-null row of a null-valued record: ROWTIME,
 * ROWPARTITION and ROWOFFSET read NULL there too.
 */
export type Evaluate = (frames: RecordFrames, key: unknown, timestamp: number | null) => unknown;

/** Compiles one expression of node `nodeId`; errors name the node and field. */
export function compileAt(
  text: string,
  scope: Scope | undefined,
  nodeId: string,
  field: string,
): Evaluate {
  if (!scope)
    throw new CompileError(`node '${nodeId}': no scope for ${field} (input schema unknown)`);
  const parsed = parseExpression(text);
  if (!parsed.ok) {
    const e = parsed.errors[0];
    throw new CompileError(
      `node '${nodeId}' ${field}: ${e.message} (line ${e.line}, column ${e.column})`,
    );
  }
  const run = compileExpression(parsed.value, scope);
  const meta: Meta = { timestamp: 0, partition: 0, offset: -1, windowStart: null, windowEnd: null };
  const frames: Record<string, unknown> = { meta };
  return (input, key, timestamp) => {
    const row = timestamp !== null;
    meta.timestamp = timestamp;
    meta.partition = row ? recordContext.partition : null;
    meta.offset = row ? recordContext.offset : null;
    if (isWindowed(key)) {
      frames.key = key.key;
      meta.windowStart = key.window.start;
      meta.windowEnd = key.window.end;
    } else {
      frames.key = key;
      meta.windowStart = null;
      meta.windowEnd = null;
    }
    frames.value = input.value;
    frames.left = input.left;
    frames.right = input.right;
    frames.agg = input.agg;
    frames.item = input.item;
    return run(frames);
  };
}

/** A SELECT list: evaluates each projection into a row (or the single value when unwrapped). */
export function compileProjections(
  projections: readonly Projection[],
  scope: Scope | undefined,
  nodeId: string,
  field: string,
  unwrapped = false,
): Evaluate {
  const columns = projections.map((p, i) => ({
    name: p.name,
    run: compileAt(p.expr, scope, nodeId, `${field}[${i}]`),
  }));
  if (unwrapped && columns.length === 1) return columns[0].run;
  return (frames, key, ts) => {
    const row: Record<string, unknown> = {};
    for (const c of columns) row[c.name] = c.run(frames, key, ts);
    return row;
  };
}

/** ksqlDB predicates: only TRUE passes (NULL and FALSE do not). */
export function asPredicate(
  evaluate: Evaluate,
): (key: unknown, value: unknown, ts: number) => boolean {
  return (key, value, ts) => evaluate({ value }, key, ts) === true;
}
