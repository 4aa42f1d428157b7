// Expression checking for validation: parse once per distinct text (memoised), type-check
// against the scope of the node, and turn errors into findings located in the config.
import {
  type Expr,
  type ExprError,
  parseExpression,
  type Scope,
  type SqlType,
  typeCheck,
} from "@riffle/expr";
import { type Finding, finding } from "./findings";

const parsed = new Map<string, { expr?: Expr; errors?: ExprError[] }>();

function parseMemo(text: string): { expr?: Expr; errors?: ExprError[] } {
  let p = parsed.get(text);
  if (!p) {
    const r = parseExpression(text);
    p = r.ok ? { expr: r.value } : { errors: r.errors };
    parsed.set(text, p);
  }
  return p;
}

export interface ExpressionSite {
  nodeId: string;
  /** Path of the expression in the node, e.g. `config.columns[0].expr`. */
  field: string;
}

/** Result-type expectations some config fields have. */
export type Expectation = { kind: "BOOLEAN" | "STRING" | "ARRAY"; what: string };

/** Type of `text` in `scope`, or undefined after reporting why into `findings`. */
export function checkExpression(
  text: string,
  scope: Scope,
  site: ExpressionSite,
  findings: Finding[],
  expect?: Expectation,
): SqlType | undefined {
  const p = parseMemo(text);
  if (!p.expr) {
    report("RF301", p.errors ?? [], site, findings);
    return undefined;
  }
  const t = typeCheck(p.expr, scope);
  if (!t.ok) {
    report("RF302", t.errors, site, findings);
    return undefined;
  }
  if (expect && t.value.kind !== expect.kind && t.value.kind !== "NULL") {
    findings.push(
      finding(
        "RF303",
        `${expect.what} must be ${expect.kind}, but \`${text}\` is ${t.value.kind}.`,
        site,
      ),
    );
  }
  return t.value;
}

function report(
  code: "RF301" | "RF302",
  errors: ExprError[],
  site: ExpressionSite,
  findings: Finding[],
) {
  for (const e of errors) {
    findings.push(
      finding(code, `${e.message} (line ${e.line}, column ${e.column})`, {
        ...site,
        line: e.line,
        column: e.column,
      }),
    );
  }
}
