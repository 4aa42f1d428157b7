// Catalogue entries of the array functions (runtime in ../runtime/collections).
import { BOOLEAN, commonType, formatType, INT } from "../types";
import { defineFunction, type FunctionDef } from "./define";

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
];
