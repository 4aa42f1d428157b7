// Catalogue entries of the array functions (runtime in ../runtime/collections).
import { BOOLEAN, commonType, formatType, INT, NULL, type SqlType, STRING } from "../types";
import { defineFunction, type FunctionDef } from "./define";

const elementOf = ([array]: SqlType[]) => (array.kind === "ARRAY" ? array.element : NULL);

const extreme = (name: "ARRAY_MIN" | "ARRAY_MAX", doc: string, example: string) =>
  defineFunction({
    name,
    category: "collection",
    signature: `${name}(array ARRAY<T>) -> T`,
    doc,
    example,
    params: ["array"],
    returns: elementOf,
    helper: name === "ARRAY_MIN" ? "arrayMin" : "arrayMax",
  });

export const COLLECTION_FUNCTIONS: FunctionDef[] = [
  defineFunction({
    name: "ARRAY_LENGTH",
    category: "collection",
    signature: "ARRAY_LENGTH(array ARRAY<T>) -> INT",
    doc: "The number of elements.",
    example: "ARRAY_LENGTH(ARRAY[1, 2, 3]) => 3",
    params: ["array"],
    returns: INT,
    helper: "arrayLength",
  }),
  defineFunction({
    name: "ARRAY_CONTAINS",
    category: "collection",
    signature: "ARRAY_CONTAINS(array ARRAY<T>, value T) -> BOOLEAN",
    doc: "Whether the array holds value (NULL matches a null element).",
    example: "ARRAY_CONTAINS(ARRAY['a', 'b'], 'b') => true",
    params: ["array", "any"],
    returns: ([array, value]) => {
      if (array.kind !== "ARRAY" || commonType(array.element, value)) return BOOLEAN;
      return `ARRAY_CONTAINS cannot look for ${formatType(value)} in ${formatType(array)}`;
    },
    helper: "arrayContains",
  }),
  defineFunction({
    name: "ARRAY_JOIN",
    category: "collection",
    signature: "ARRAY_JOIN(array ARRAY<T> [, delimiter STRING]) -> STRING",
    doc: "The elements as text joined by delimiter (default ','); null elements print as null.",
    example: "ARRAY_JOIN(ARRAY[1, NULL, 3], '-') => '1-null-3'",
    params: ["array", STRING],
    required: 1,
    returns: STRING,
    helper: "arrayJoin",
  }),
  extreme(
    "ARRAY_MIN",
    "The smallest non-null element; null for an empty array.",
    "ARRAY_MIN(ARRAY[3, NULL, 1]) => 1",
  ),
  extreme(
    "ARRAY_MAX",
    "The largest non-null element; null for an empty array.",
    "ARRAY_MAX(ARRAY['a', 'c', 'b']) => 'c'",
  ),
];
