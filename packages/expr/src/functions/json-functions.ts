// Catalogue entry of the JSON function (runtime in ../runtime/json).
import { STRING } from "../types";
import { defineFunction, type FunctionDef } from "./define";

export const JSON_FUNCTIONS: FunctionDef[] = [
  defineFunction({
    name: "EXTRACTJSONFIELD",
    category: "json",
    signature: "EXTRACTJSONFIELD(json STRING, path STRING) -> STRING",
    doc: "The value at a JSONPath ($.a.b, $['a'], $.items[0]) in JSON text: strings unquoted, other values as JSON; null if absent or not JSON.",
    example: `EXTRACTJSONFIELD('{"a":{"b":[7]}}', '$.a.b[0]') => '7'`,
    params: [STRING, STRING],
    returns: STRING,
    helper: "extractJsonField",
  }),
];
