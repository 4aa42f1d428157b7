import { describe, expect, it } from "vitest";
import { compileExpression, parseExpression, type Scope, typeCheck } from "../src/index";

const scope: Scope = {
  columns: [
    { name: "amount", type: { kind: "INT" }, frame: "value", field: "amount" },
    { name: "region", type: { kind: "STRING" }, frame: "value", field: "region" },
  ],
};

function parse(text: string) {
  const r = parseExpression(text);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
}

describe("core pipeline", () => {
  it("parses, type-checks and compiles a filter", () => {
    const e = parse("amount > 100 AND region = 'EU'");
    expect(typeCheck(e, scope)).toEqual({ ok: true, value: { kind: "BOOLEAN" } });
    const f = compileExpression(e, scope);
    expect(f({ value: { amount: 120, region: "EU" } })).toBe(true);
    expect(f({ value: { amount: 80, region: "EU" } })).toBe(false);
  });
});
