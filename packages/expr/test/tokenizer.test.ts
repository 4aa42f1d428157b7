import { describe, expect, it } from "vitest";
import { tokenize } from "../src/index";

function tokens(text: string) {
  const r = tokenize(text);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.value;
}

describe("tokenize", () => {
  it("classifies literals, identifiers and symbols and ends with an eof token", () => {
    const t = tokens("a.b->c[1] <= 2.50 || 'x' != 1E3 := `Q`");
    expect(t.map((x) => [x.type, x.image])).toEqual([
      ["identifier", "a"],
      ["symbol", "."],
      ["identifier", "b"],
      ["symbol", "->"],
      ["identifier", "c"],
      ["symbol", "["],
      ["integer", "1"],
      ["symbol", "]"],
      ["symbol", "<="],
      ["decimal", "2.50"],
      ["symbol", "||"],
      ["string", "'x'"],
      ["symbol", "!="],
      ["double", "1E3"],
      ["symbol", ":="],
      ["quoted", "`Q`"],
      ["eof", ""],
    ]);
  });

  it("reads a star between parentheses as a symbol (COUNT(*) in statements)", () => {
    expect(tokens("COUNT(*) / 2").map((x) => x.image)).toEqual([
      "COUNT",
      "(",
      "*",
      ")",
      "/",
      "2",
      "",
    ]);
  });

  it("unescapes '' in strings and `` in quoted identifiers into text, keeping the image", () => {
    const [s, q] = tokens("'it''s' `a``b`");
    expect([s.text, s.image]).toEqual(["it's", "'it''s'"]);
    expect([q.text, q.image]).toEqual(["a`b", "`a``b`"]);
  });

  it("tracks line, column and offset across lines and skips -- and /* */ comments", () => {
    const t = tokens("a -- note\n  /* block\n */ b");
    expect(t.map((x) => [x.image, x.line, x.column, x.offset])).toEqual([
      ["a", 1, 1, 0],
      ["b", 3, 5, 25],
      ["", 3, 6, 26],
    ]);
  });

  it("reports an unterminated string at its opening quote", () => {
    expect(tokenize("x = \n  'abc")).toEqual({
      ok: false,
      errors: [
        {
          message: "unterminated string literal: add the closing '",
          line: 2,
          column: 3,
          length: 1,
        },
      ],
    });
  });

  it("reports unknown characters and unterminated comments with their position", () => {
    const bad = tokenize("a # b");
    expect(!bad.ok && bad.errors[0]).toMatchObject({
      message: "unexpected character '#'",
      line: 1,
      column: 3,
    });
    const comment = tokenize("a /* b");
    expect(!comment.ok && comment.errors[0].message).toBe(
      "unterminated comment: add the closing */",
    );
  });
});
