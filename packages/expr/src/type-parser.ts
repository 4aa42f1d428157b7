// Parses SQL type names: BOOLEAN, INT/INTEGER, BIGINT, DOUBLE, DECIMAL(p, s), STRING/VARCHAR,
// BYTES, TIMESTAMP, DATE, TIME, ARRAY<T>, MAP<K, V>, STRUCT<name T, ...>.
import { fail, ok, ParseFailure, type Result } from "./result";
import { TokenStream } from "./token-stream";
import { tokenize } from "./tokenizer";
import { arrayOf, decimal, mapOf, type SqlType } from "./types";

const SIMPLE: Record<string, SqlType> = {
  BOOLEAN: { kind: "BOOLEAN" },
  INT: { kind: "INT" },
  INTEGER: { kind: "INT" },
  BIGINT: { kind: "BIGINT" },
  DOUBLE: { kind: "DOUBLE" },
  STRING: { kind: "STRING" },
  VARCHAR: { kind: "STRING" },
  BYTES: { kind: "BYTES" },
  TIMESTAMP: { kind: "TIMESTAMP" },
  DATE: { kind: "DATE" },
  TIME: { kind: "TIME" },
};

/**
 * Parses a type name.
 * @example parseType("map<string, decimal(10,2)>") // { ok: true, value: { kind: "MAP", ... } }
 */
export function parseType(text: string): Result<SqlType> {
  const tokens = tokenize(text);
  if (!tokens.ok) return tokens;
  try {
    const s = new TokenStream(tokens.value, 0);
    const type = parseTypeFrom(s);
    if (s.peek().type !== "eof") s.unexpected("end of type");
    return ok(type);
  } catch (e) {
    if (e instanceof ParseFailure) return fail([e.error]);
    throw e;
  }
}

export function parseTypeFrom(s: TokenStream): SqlType {
  const t = s.peek();
  const word = t.type === "identifier" ? t.image.toUpperCase() : "";
  if (word === "VARCHAR" && s.isSymbol("(", 1)) {
    s.next();
    s.next();
    integer(s);
    s.expectSymbol(")");
    return SIMPLE.VARCHAR;
  }
  if (SIMPLE[word]) {
    s.next();
    return SIMPLE[word];
  }
  s.next();
  switch (word) {
    case "DECIMAL":
      return parseDecimal(s);
    case "ARRAY":
      return arrayOf(inAngles(s, () => parseTypeFrom(s)));
    case "MAP":
      return inAngles(s, () => {
        const key = parseTypeFrom(s);
        s.expectSymbol(",");
        return mapOf(key, parseTypeFrom(s));
      });
    case "STRUCT":
      return parseStruct(s);
    default:
      return s.fail(
        `unknown type '${t.image}': expected BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p, s), ` +
          "STRING, BYTES, TIMESTAMP, DATE, TIME, ARRAY<T>, MAP<K, V> or STRUCT<...>",
        t,
      );
  }
}

function parseDecimal(s: TokenStream): SqlType {
  s.expectSymbol("(");
  const precisionToken = s.peek();
  const precision = integer(s);
  s.expectSymbol(",");
  const scale = integer(s);
  s.expectSymbol(")");
  if (precision < 1 || precision > 38 || scale > precision) {
    s.fail(
      `DECIMAL(${precision}, ${scale}): precision must be 1..38 and scale <= precision`,
      precisionToken,
    );
  }
  return decimal(precision, scale);
}

function parseStruct(s: TokenStream): SqlType {
  if (s.acceptSymbol("<>")) return { kind: "STRUCT", fields: [] };
  return {
    kind: "STRUCT",
    fields: inAngles(s, () => {
      const fields: { name: string; type: SqlType }[] = [];
      if (s.isSymbol(">")) return fields;
      do {
        const name = s.peek();
        if (name.type !== "identifier" && name.type !== "quoted") s.unexpected("a field name");
        s.next();
        fields.push({ name: name.text, type: parseTypeFrom(s) });
      } while (s.acceptSymbol(","));
      return fields;
    }),
  };
}

function inAngles<T>(s: TokenStream, body: () => T): T {
  s.expectSymbol("<");
  const value = body();
  s.expectSymbol(">");
  return value;
}

function integer(s: TokenStream): number {
  if (s.peek().type !== "integer") s.unexpected("a whole number");
  return Number(s.next().image);
}
