// ksqlDB's string functions on BYTES (base64 on the wire, as JSON carries them) and `+` on two
// STRINGs, which ksqlDB accepts as concatenation.
import { describe, expect, it } from "vitest";
import { compileExpression, parseType, type Scope, typeCheck } from "../src/index";
import { parse } from "./helpers";

const bytes = parseType("BYTES");
const str = parseType("STRING");
if (!bytes.ok || !str.ok) throw new Error("type parser");
const scope: Scope = {
  columns: ["b1", "b2", "sep"]
    .map((name) => ({ name, type: bytes.value, frame: "value", field: name }))
    .concat([{ name: "s", type: str.value, frame: "value", field: "s" }]),
};
const run = (text: string, value: Record<string, unknown>) =>
  compileExpression(parse(text), scope)({ value });
const b64 = (s: string) => btoa(s);

describe("ksqlDB: CONCAT, CONCAT_WS and SUBSTRING on BYTES work on the bytes", () => {
  it("CONCAT joins the bytes and skips nulls", () => {
    expect(run("CONCAT(b1, NULL, b2)", { b1: b64("yes"), b2: b64("no") })).toBe(b64("yesno"));
    expect(run("CONCAT(b1, b2)", { b1: "", b2: b64("no") })).toBe(b64("no"));
  });

  it("CONCAT_WS joins with a BYTES separator; a null separator gives null", () => {
    const v = { sep: b64("a"), b1: b64("b"), b2: b64("yes") };
    expect(run("CONCAT_WS(sep, b1, NULL, b2)", v)).toBe(b64("bayes"));
    expect(run("CONCAT_WS(sep, b1, b2)", { ...v, sep: null })).toBe(null);
  });

  it("SUBSTRING counts 1-based byte positions", () => {
    expect(run("SUBSTRING(b1, 6)", { b1: b64("some_string") })).toBe(b64("string"));
    expect(run("SUBSTRING(b1, 6, 3)", { b1: b64("some_string") })).toBe(b64("str"));
    expect(run("SUBSTRING(b1, 6)", { b1: null })).toBe(null);
  });

  it("mixing STRING and BYTES is refused", () => {
    const r = typeCheck(parse("CONCAT(b1, s)"), scope);
    expect(r.ok ? "type-checked" : r.errors[0].message).toBe(
      "CONCAT argument 2 must be BYTES, got STRING",
    );
  });
});

describe("ksqlDB: + on two STRINGs concatenates", () => {
  it("joins the strings; null on either side gives null", () => {
    expect(run("'prefix-' + s + '-postfix'", { s: "s1" })).toBe("prefix-s1-postfix");
    expect(run("s + 'x'", { s: null })).toBe(null);
  });
});
