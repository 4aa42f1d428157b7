// The catalogue of scalar functions: one list for type-checking, compiling, completion in the
// editor and the reference in docs/expressions.md.
import { closest } from "../edit-distance";
import { COLLECTION_FUNCTIONS } from "./collection-functions";
import type { FunctionDef } from "./define";
import { JSON_FUNCTIONS } from "./json-functions";
import { NULL_FUNCTIONS } from "./null-functions";
import { NUMERIC_FUNCTIONS } from "./numeric-functions";
import { STRING_FUNCTIONS } from "./string-functions";
import { TIME_FUNCTIONS } from "./time-functions";

export const FUNCTIONS: readonly FunctionDef[] = [
  ...STRING_FUNCTIONS,
  ...NUMERIC_FUNCTIONS,
  ...NULL_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
];

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name, f]));

export function findFunction(name: string): FunctionDef | undefined {
  return BY_NAME.get(name.toUpperCase());
}

/** "function SUBSTRNG not found — did you mean SUBSTRING?" */
export function unknownFunctionMessage(name: string): string {
  const suggestion = closest(name, BY_NAME.keys());
  return `function ${name} not found${suggestion ? ` — did you mean ${suggestion}?` : ""}`;
}
