// The shape of a scalar function in the catalogue: its documentation, how its arguments are
// checked, its result type, and which runtime helper (`fn.<helper>`) evaluates it.
import type { Runtime } from "../runtime";
import { assignable, formatType, isNumeric, type SqlType } from "../types";

export type Category = "string" | "numeric" | "null" | "date-time" | "json" | "collection";

/** An expected argument: an exact type (numbers widen), or a family. */
export type Param = SqlType | "numeric" | "any" | "array" | "map";

export type HelperName = keyof Runtime;

export interface FunctionDef {
  name: string;
  category: Category;
  /** Human signature, e.g. "SUBSTRING(str STRING, pos INT [, length INT]) -> STRING". */
  signature: string;
  doc: string;
  /** An example call and its result, e.g. "SUBSTRING('Riffle', 2, 3) => 'iff'". */
  example: string;
  /** Result type for these argument types, or a message saying what is wrong. */
  check(args: SqlType[]): SqlType | string;
  /** The runtime helper for these argument types. */
  helper(args: SqlType[]): HelperName;
  /** False for functions whose result changes between calls (never constant-folded). */
  deterministic: boolean;
}

export interface FunctionSpec {
  name: string;
  category: Category;
  signature: string;
  doc: string;
  example: string;
  params: Param[];
  /** How many of `params` are required (default: all). */
  required?: number;
  /** Type of any further arguments (variadic functions). */
  rest?: Param;
  returns: SqlType | ((args: SqlType[]) => SqlType | string);
  helper: HelperName | ((args: SqlType[]) => HelperName);
  deterministic?: boolean;
}

export function defineFunction(spec: FunctionSpec): FunctionDef {
  const required = spec.required ?? spec.params.length;
  const { returns, helper } = spec;
  return {
    name: spec.name,
    category: spec.category,
    signature: spec.signature,
    doc: spec.doc,
    example: spec.example,
    deterministic: spec.deterministic ?? true,
    helper: typeof helper === "function" ? helper : () => helper,
    check(args) {
      const max = spec.rest ? Number.POSITIVE_INFINITY : spec.params.length;
      if (args.length < required || args.length > max) {
        return `${spec.name} takes ${arity(required, max)}, got ${args.length}: ${spec.signature}`;
      }
      for (let i = 0; i < args.length; i++) {
        const param = spec.params[i] ?? spec.rest!;
        if (!matches(args[i], param)) {
          return `${spec.name} argument ${i + 1} must be ${describeParam(param)}, got ${formatType(args[i])}`;
        }
      }
      return typeof returns === "function" ? returns(args) : returns;
    },
  };
}

function arity(min: number, max: number): string {
  const plural = (n: number) => (n === 1 ? "argument" : "arguments");
  if (max === Number.POSITIVE_INFINITY) return `at least ${min} ${plural(min)}`;
  if (min === max) return `${min} ${plural(min)}`;
  return `${min} to ${max} arguments`;
}

function matches(arg: SqlType, param: Param): boolean {
  if (arg.kind === "NULL" || param === "any") return true;
  if (param === "numeric") return isNumeric(arg);
  if (param === "array") return arg.kind === "ARRAY";
  if (param === "map") return arg.kind === "MAP";
  return assignable(arg, param);
}

function describeParam(param: Param): string {
  if (param === "numeric") return "a number";
  if (param === "array") return "an ARRAY";
  if (param === "map") return "a MAP";
  return param === "any" ? "a value" : formatType(param);
}
