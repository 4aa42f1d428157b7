// Catalogue entries of the string functions (runtime in ../runtime/strings).
import { arrayOf, BYTES, formatType, INT, type SqlType, STRING } from "../types";
import { defineFunction, type FunctionDef, type HelperName } from "./define";

const unary = (
  name: string,
  helper: "ucase" | "lcase" | "initcap" | "trim" | "ltrim" | "rtrim",
  doc: string,
  example: string,
) =>
  defineFunction({
    name,
    category: "string",
    signature: `${name}(str STRING) -> STRING`,
    doc,
    example,
    params: [STRING],
    returns: STRING,
    helper,
  });

/**
 * ksqlDB's CONCAT, CONCAT_WS and SUBSTRING also take BYTES (all string-like arguments BYTES);
 * the signature text stays the STRING form, which docs/expressions.md is generated from.
 */
function stringOrBytes(name: string, from: number, upTo = Number.POSITIVE_INFINITY) {
  const kindOf = (args: SqlType[]) => (args.some((a) => a.kind === "BYTES") ? BYTES : STRING);
  return {
    returns: (args: SqlType[]): SqlType | string => {
      const kind = kindOf(args);
      for (let i = from; i < Math.min(args.length, upTo); i++) {
        if (args[i].kind !== "NULL" && args[i].kind !== kind.kind)
          return `${name} argument ${i + 1} must be ${formatType(kind)}, got ${formatType(args[i])}`;
      }
      return kind;
    },
    helper:
      (strings: HelperName, bytes: HelperName) =>
      (args: SqlType[]): HelperName =>
        kindOf(args).kind === "BYTES" ? bytes : strings,
  };
}

const CONCAT_TYPES = stringOrBytes("CONCAT", 0);
const CONCAT_WS_TYPES = stringOrBytes("CONCAT_WS", 0);
const SUBSTRING_TYPES = stringOrBytes("SUBSTRING", 0, 1);

export const STRING_FUNCTIONS: FunctionDef[] = [
  unary("UCASE", "ucase", "Upper-cases the string.", "UCASE('eu') => 'EU'"),
  unary("LCASE", "lcase", "Lower-cases the string.", "LCASE('EU') => 'eu'"),
  unary("TRIM", "trim", "Removes leading and trailing whitespace.", "TRIM('  a ') => 'a'"),
  unary("LTRIM", "ltrim", "Removes leading whitespace.", "LTRIM('  a ') => 'a '"),
  unary("RTRIM", "rtrim", "Removes trailing whitespace.", "RTRIM('  a ') => '  a'"),
  unary(
    "INITCAP",
    "initcap",
    "Upper-cases the first letter of each whitespace-separated word, lower-cases the rest.",
    "INITCAP('hello wORLD') => 'Hello World'",
  ),
  defineFunction({
    name: "CONCAT",
    category: "string",
    signature: "CONCAT(str STRING, ...) -> STRING",
    doc: "Joins the strings; null arguments are skipped. `a || b` is the same.",
    example: "CONCAT('a', NULL, 'b') => 'ab'",
    params: ["any"],
    rest: "any",
    returns: CONCAT_TYPES.returns,
    helper: CONCAT_TYPES.helper("concat", "concatBytes"),
  }),
  defineFunction({
    name: "CONCAT_WS",
    category: "string",
    signature: "CONCAT_WS(separator STRING, str STRING, ...) -> STRING",
    doc: "Joins the strings with a separator, skipping nulls; null if the separator is null.",
    example: "CONCAT_WS('-', 'a', NULL, 'b') => 'a-b'",
    params: ["any", "any"],
    rest: "any",
    returns: CONCAT_WS_TYPES.returns,
    helper: CONCAT_WS_TYPES.helper("concatWs", "concatWsBytes"),
  }),
  defineFunction({
    name: "SUBSTRING",
    category: "string",
    signature: "SUBSTRING(str STRING, pos INT [, length INT]) -> STRING",
    doc: "The part of the string from 1-based position pos (negative: from the end), of length characters or to the end.",
    example: "SUBSTRING('Riffle', 2, 3) => 'iff'; SUBSTRING('Riffle', -3) => 'fle'",
    params: ["any", INT, INT],
    required: 2,
    returns: SUBSTRING_TYPES.returns,
    helper: SUBSTRING_TYPES.helper("substring", "substringBytes"),
  }),
  defineFunction({
    name: "LEN",
    category: "string",
    signature: "LEN(str STRING) -> INT",
    doc: "The number of characters (UTF-16 code units, as in Java).",
    example: "LEN('Riffle') => 6",
    params: [STRING],
    returns: INT,
    helper: "len",
  }),
  defineFunction({
    name: "REPLACE",
    category: "string",
    signature: "REPLACE(str STRING, old STRING, new STRING) -> STRING",
    doc: "Replaces every occurrence of old with new.",
    example: "REPLACE('a-b-c', '-', '+') => 'a+b+c'",
    params: [STRING, STRING, STRING],
    returns: STRING,
    helper: "replace",
  }),
  defineFunction({
    name: "SPLIT",
    category: "string",
    signature: "SPLIT(str STRING, delimiter STRING) -> ARRAY<STRING>",
    doc: "Splits around the delimiter; an empty delimiter splits into characters.",
    example: "SPLIT('a,b,,c', ',') => ARRAY['a', 'b', '', 'c']; SPLIT('ab', '') => ARRAY['a', 'b']",
    params: [STRING, STRING],
    returns: arrayOf(STRING),
    helper: "split",
  }),
  defineFunction({
    name: "INSTR",
    category: "string",
    signature: "INSTR(str STRING, sub STRING [, position INT [, occurrence INT]]) -> INT",
    doc: "1-based position of the occurrence-th sub, searching from position (backwards if negative); 0 if absent.",
    example: "INSTR('CORPORATE FLOOR', 'OR', 3, 2) => 14",
    params: [STRING, STRING, INT, INT],
    required: 2,
    returns: INT,
    helper: "instr",
  }),
  defineFunction({
    name: "LPAD",
    category: "string",
    signature: "LPAD(str STRING, length INT, padding STRING) -> STRING",
    doc: "Pads on the left with padding (repeated) to length characters; longer input is truncated.",
    example: "LPAD('7', 3, '0') => '007'",
    params: [STRING, INT, STRING],
    returns: STRING,
    helper: "lpad",
  }),
  defineFunction({
    name: "RPAD",
    category: "string",
    signature: "RPAD(str STRING, length INT, padding STRING) -> STRING",
    doc: "Pads on the right with padding (repeated) to length characters; longer input is truncated.",
    example: "RPAD('ab', 5, 'xy') => 'abxyx'",
    params: [STRING, INT, STRING],
    returns: STRING,
    helper: "rpad",
  }),
  defineFunction({
    name: "MASK",
    category: "string",
    signature:
      "MASK(str STRING [, upper STRING [, lower STRING [, digit STRING [, other STRING]]]]) -> STRING",
    doc: "Replaces upper-case letters with X, lower-case with x, digits with n and others with -; a NULL replacement keeps that class.",
    example: "MASK('Ab-12') => 'Xx-nn'; MASK('Ab-12', NULL, '*') => 'A*-nn'",
    params: [STRING, STRING, STRING, STRING, STRING],
    required: 1,
    returns: STRING,
    helper: "mask",
  }),
];
