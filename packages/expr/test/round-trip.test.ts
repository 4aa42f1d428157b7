// Property: printing any AST as SQL and parsing the text back gives the same AST.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Expr,
  parseExpression,
  printExpression,
  type SqlType,
  stripPositions,
} from "../src/index";
import { decimalLiteralType } from "../src/parser";
import { RESERVED } from "../src/types";

const pos = { line: 1, column: 1, offset: 0, length: 1 };
type Bare = Record<string, unknown>;
const node = (n: Bare) => ({ ...n, pos }) as unknown as Expr;

const identifier = fc
  .stringMatching(/^[A-Za-zé_][A-Za-z0-9é_$@]{0,8}$/)
  .filter((s) => !RESERVED.has(s.toUpperCase()));

const literal: fc.Arbitrary<Expr> = fc.oneof(
  fc
    .integer({ min: 0, max: 2147483647 })
    .map((v) => node({ kind: "literal", type: { kind: "INT" }, value: v })),
  fc
    .integer({ min: 2147483648, max: Number.MAX_SAFE_INTEGER })
    .map((v) => node({ kind: "literal", type: { kind: "BIGINT" }, value: v })),
  fc
    .tuple(fc.stringMatching(/^\d{1,6}$/), fc.stringMatching(/^\d{1,6}$/))
    .map(([w, f]) => `${w}.${f}`)
    .map((t) => node({ kind: "literal", type: decimalLiteralType(t), value: Number(t) })),
  fc
    .double({ min: 0, max: 1e300, noNaN: true })
    .map((v) => node({ kind: "literal", type: { kind: "DOUBLE" }, value: Math.abs(v) })),
  fc.string().map((v) => node({ kind: "literal", type: { kind: "STRING" }, value: v })),
  fc.boolean().map((v) => node({ kind: "literal", type: { kind: "BOOLEAN" }, value: v })),
  fc.constant(node({ kind: "literal", type: { kind: "NULL" }, value: null })),
);

const column: fc.Arbitrary<Expr> = fc.oneof(
  fc
    .tuple(identifier, fc.option(identifier, { nil: undefined }))
    .map(([name, qualifier]) =>
      node({ kind: "column", name, ...(qualifier ? { qualifier } : {}) }),
    ),
  fc.string({ maxLength: 6 }).map((name) => node({ kind: "column", name, quoted: true })),
);

const sqlType: fc.Arbitrary<SqlType> = fc.letrec<{ type: SqlType }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<SqlType>(
      ...(
        [
          "BOOLEAN",
          "INT",
          "BIGINT",
          "DOUBLE",
          "STRING",
          "BYTES",
          "TIMESTAMP",
          "DATE",
          "TIME",
        ] as const
      ).map((kind) => ({ kind }) as SqlType),
    ),
    fc
      .integer({ min: 1, max: 38 })
      .chain((p) =>
        fc
          .integer({ min: 0, max: p })
          .map((s) => ({ kind: "DECIMAL", precision: p, scale: s }) as SqlType),
      ),
    tie("type").map((element) => ({ kind: "ARRAY", element }) as SqlType),
    tie("type").map((value) => ({ kind: "MAP", key: { kind: "STRING" }, value }) as SqlType),
    fc
      .array(
        fc.record({ name: fc.oneof(identifier, fc.string({ maxLength: 4 })), type: tie("type") }),
        { maxLength: 3 },
      )
      .map((fields) => ({ kind: "STRUCT", fields }) as SqlType),
  ),
})).type;

const BINARY = [
  "+",
  "-",
  "*",
  "/",
  "%",
  "||",
  "=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
  "AND",
  "OR",
] as const;

const expr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => {
  const e = () => tie("e");
  const some = (max: number) => fc.array(e(), { maxLength: max });
  return {
    e: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      column,
      fc
        .tuple(e(), identifier, fc.boolean())
        .map(([base, field, quoted]) =>
          node({ kind: "deref", base, field, ...(quoted ? { quoted: true } : {}) }),
        ),
      fc.tuple(e(), e()).map(([base, index]) => node({ kind: "index", base, index })),
      fc
        .tuple(fc.constantFrom("-", "NOT"), e())
        .map(([op, operand]) => node({ kind: "unary", op, operand })),
      fc
        .tuple(fc.constantFrom(...BINARY), e(), e())
        .map(([op, left, right]) => node({ kind: "binary", op, left, right })),
      fc
        .tuple(e(), fc.boolean())
        .map(([operand, negated]) => node({ kind: "isNull", operand, negated })),
      fc
        .tuple(e(), e(), fc.boolean())
        .map(([left, right, negated]) => node({ kind: "distinct", left, right, negated })),
      fc
        .tuple(e(), e(), fc.option(e(), { nil: undefined }), fc.boolean())
        .map(([operand, pattern, escapeExpr, negated]) =>
          node({
            kind: "like",
            operand,
            pattern,
            ...(escapeExpr ? { escape: escapeExpr } : {}),
            negated,
          }),
        ),
      fc
        .tuple(e(), fc.array(e(), { minLength: 1, maxLength: 3 }), fc.boolean())
        .map(([operand, list, negated]) => node({ kind: "in", operand, list, negated })),
      fc
        .tuple(e(), e(), e(), fc.boolean())
        .map(([operand, low, high, negated]) =>
          node({ kind: "between", operand, low, high, negated }),
        ),
      fc
        .tuple(
          fc.option(e(), { nil: undefined }),
          fc.array(fc.record({ when: e(), result: e() }), { minLength: 1, maxLength: 3 }),
          fc.option(e(), { nil: undefined }),
        )
        .map(([operand, whens, otherwise]) =>
          node({
            kind: "case",
            ...(operand ? { operand } : {}),
            whens,
            ...(otherwise ? { otherwise } : {}),
          }),
        ),
      fc.tuple(e(), sqlType).map(([operand, type]) => node({ kind: "cast", operand, type })),
      fc
        .tuple(identifier, some(3))
        .map(([name, args]) => node({ kind: "call", name: name.toUpperCase(), args })),
      some(3).map((elements) => node({ kind: "array", elements })),
      fc
        .array(fc.record({ key: e(), value: e() }), { maxLength: 3 })
        .map((entries) => node({ kind: "map", entries })),
      fc
        .array(fc.record({ name: fc.oneof(identifier, fc.string({ maxLength: 4 })), value: e() }), {
          maxLength: 3,
        })
        .map((fields) => node({ kind: "struct", fields })),
    ),
  };
}).e;

describe("SQL printing round trip", () => {
  it("parse(print(ast)) equals ast for random ASTs of every node kind", () => {
    fc.assert(
      fc.property(expr, (ast) => {
        const text = printExpression(ast, "sql");
        const parsed = parseExpression(text);
        if (!parsed.ok) throw new Error(`${text}: ${parsed.errors[0].message}`);
        expect(stripPositions(parsed.value)).toEqual(stripPositions(ast));
      }),
      { numRuns: 1000 },
    );
  }, 60_000); // generous: the shared CI machine can be heavily loaded

  it("parseType(formatType(t)) equals t for random types", () => {
    fc.assert(
      fc.property(sqlType, (t) => {
        const text = printExpression(
          node({ kind: "cast", operand: node({ kind: "column", name: "x" }), type: t }),
          "sql",
        );
        const parsed = parseExpression(text);
        expect(parsed.ok && parsed.value.kind === "cast" && parsed.value.type).toEqual(t);
      }),
    );
  });
});
