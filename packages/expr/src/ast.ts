// The expression AST. Nodes are plain JSON-able objects; `pos` locates the node (for operators,
// the operator token) and is the only part ignored when two ASTs are compared.
import type { Position } from "./result";
import type { SqlType } from "./types";

export type ArithmeticOp = "+" | "-" | "*" | "/" | "%";
export type ComparisonOp = "=" | "<>" | "<" | "<=" | ">" | ">=";
export type BinaryOp = ArithmeticOp | ComparisonOp | "||" | "AND" | "OR";

export type LiteralValue = string | number | boolean | null;

export type Expr =
  | { kind: "literal"; type: SqlType; value: LiteralValue; pos: Position }
  /** `name`, `Q.name`, or a `quoted` (backtick) name that must match exactly. */
  | { kind: "column"; name: string; qualifier?: string; quoted?: boolean; pos: Position }
  /** `base->field` on a STRUCT. */
  | { kind: "deref"; base: Expr; field: string; quoted?: boolean; pos: Position }
  /** `base[index]`: 1-based ARRAY element (negative counts from the end) or MAP lookup. */
  | { kind: "index"; base: Expr; index: Expr; pos: Position }
  | { kind: "unary"; op: "-" | "NOT"; operand: Expr; pos: Position }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; pos: Position }
  | { kind: "isNull"; operand: Expr; negated: boolean; pos: Position }
  | { kind: "distinct"; left: Expr; right: Expr; negated: boolean; pos: Position }
  | { kind: "like"; operand: Expr; pattern: Expr; escape?: Expr; negated: boolean; pos: Position }
  | { kind: "in"; operand: Expr; list: Expr[]; negated: boolean; pos: Position }
  | { kind: "between"; operand: Expr; low: Expr; high: Expr; negated: boolean; pos: Position }
  /** Searched CASE, or simple CASE when `operand` is set. */
  | { kind: "case"; operand?: Expr; whens: CaseWhen[]; otherwise?: Expr; pos: Position }
  | { kind: "cast"; operand: Expr; type: SqlType; pos: Position }
  /** Scalar function call; `name` is upper-cased. */
  | { kind: "call"; name: string; args: Expr[]; pos: Position }
  | { kind: "array"; elements: Expr[]; pos: Position }
  | { kind: "map"; entries: { key: Expr; value: Expr }[]; pos: Position }
  | { kind: "struct"; fields: { name: string; value: Expr }[]; pos: Position };

export interface CaseWhen {
  when: Expr;
  result: Expr;
}

export type ExprKind = Expr["kind"];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

/** The direct sub-expressions of a node, in source order. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case "literal":
    case "column":
      return [];
    case "deref":
      return [e.base];
    case "index":
      return [e.base, e.index];
    case "unary":
    case "isNull":
    case "cast":
      return [e.operand];
    case "binary":
    case "distinct":
      return [e.left, e.right];
    case "like":
      return e.escape ? [e.operand, e.pattern, e.escape] : [e.operand, e.pattern];
    case "in":
      return [e.operand, ...e.list];
    case "between":
      return [e.operand, e.low, e.high];
    case "case":
      return [
        ...(e.operand ? [e.operand] : []),
        ...e.whens.flatMap((w) => [w.when, w.result]),
        ...(e.otherwise ? [e.otherwise] : []),
      ];
    case "call":
      return e.args;
    case "array":
      return e.elements;
    case "map":
      return e.entries.flatMap((m) => [m.key, m.value]);
    case "struct":
      return e.fields.map((f) => f.value);
  }
}

/** The number of nodes on the longest root-to-leaf path, counted without recursion. */
export function depthOf(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [e, depth] = item;
    if (depth > max) max = depth;
    for (const c of children(e)) stack.push([c, depth + 1]);
  }
  return max;
}

/** A deep copy without `pos`, for comparing ASTs (e.g. print-then-parse round trips). */
export function stripPositions(e: Expr): unknown {
  return JSON.parse(JSON.stringify(e, (k, v) => (k === "pos" ? undefined : v)));
}
