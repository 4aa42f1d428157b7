// Catalogue entries of the null-handling functions (runtime in ../runtime/nulls).
import { commonType, commonTypeOf, formatType } from "../types";
import { defineFunction, type FunctionDef } from "./define";

export const NULL_FUNCTIONS: FunctionDef[] = [
  defineFunction({
    name: "COALESCE",
    category: "null",
    signature: "COALESCE(value T, ...) -> T",
    doc: "The first non-null argument.",
    example: "COALESCE(NULL, 'b', 'c') => 'b'",
    params: ["any"],
    rest: "any",
    returns: (args) => commonTypeOf(args, "COALESCE arguments"),
    helper: "coalesce",
  }),
  defineFunction({
    name: "IFNULL",
    category: "null",
    signature: "IFNULL(value T, fallback T) -> T",
    doc: "value, or fallback when value is null.",
    example: "IFNULL(NULL, 0) => 0",
    params: ["any", "any"],
    returns: (args) => commonTypeOf(args, "IFNULL arguments"),
    helper: "ifnull",
  }),
  defineFunction({
    name: "NULLIF",
    category: "null",
    signature: "NULLIF(value T, other T) -> T",
    doc: "Null when value equals other, else value.",
    example: "NULLIF('n/a', 'n/a') => NULL",
    params: ["any", "any"],
    returns: ([a, b]) =>
      commonType(a, b) ? a : `NULLIF cannot compare ${formatType(a)} with ${formatType(b)}`,
    helper: "nullif",
  }),
];
