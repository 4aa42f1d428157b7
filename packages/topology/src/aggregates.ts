// Result types of ksqlDB aggregate functions (UDAFs), as ksqlDB documents them:
// COUNT -> BIGINT, SUM keeps the numeric type, AVG -> DOUBLE, COLLECT_LIST/TOPK -> ARRAY<T>,
// SUM_LIST -> the element type of its ARRAY.
import type { SqlType } from "@riffle/expr";
import type { AggregateFunction } from "./document";

const NUMERIC = new Set(["INT", "BIGINT", "DOUBLE", "DECIMAL"]);
const BIGINT: SqlType = { kind: "BIGINT" };
const DOUBLE: SqlType = { kind: "DOUBLE" };
const INTEGRAL = new Set(["INT", "BIGINT"]);
type ArrayType = Extract<SqlType, { kind: "ARRAY" }>;

/** The aggregate's result type, or an error message for wrong arguments. */
export function aggregateType(
  fn: AggregateFunction,
  args: readonly SqlType[],
): { type: SqlType } | { error: string } {
  const arity = (allowed: number[]) =>
    allowed.includes(args.length)
      ? undefined
      : `${fn} takes ${allowed.join(" or ")} argument${allowed.at(-1) === 1 ? "" : "s"}, got ${args.length}`;
  const numeric = () =>
    NUMERIC.has(args[0].kind) ? undefined : `${fn} needs a numeric argument, got ${args[0].kind}`;
  const array = (): SqlType => ({ kind: "ARRAY", element: args[0] });
  const numericArray = () =>
    args[0].kind === "ARRAY" && NUMERIC.has(args[0].element.kind)
      ? undefined
      : `${fn} needs an ARRAY of numbers, got ${args[0].kind}`;
  switch (fn) {
    case "COUNT":
      return result(arity([0, 1]), () => BIGINT);
    case "COUNT_DISTINCT":
      return result(arity([1]), () => BIGINT);
    case "SUM":
      return result(arity([1]) ?? numeric(), () => args[0]);
    case "AVG":
      return result(arity([1]) ?? numeric(), () => DOUBLE);
    case "MIN":
    case "MAX":
    case "EARLIEST_BY_OFFSET":
    case "LATEST_BY_OFFSET":
      return result(arity([1]), () => args[0]);
    case "COLLECT_LIST":
    case "COLLECT_SET":
      return result(arity([1]), array);
    case "SUM_LIST":
      return result(arity([1]) ?? numericArray(), () => (args[0] as ArrayType).element);
    case "TOPK":
    case "TOPKDISTINCT": {
      const kError =
        arity([2]) ?? (INTEGRAL.has(args[1].kind) ? undefined : `${fn}'s k must be an integer`);
      return result(kError, array);
    }
  }
}

function result(error: string | undefined, type: () => SqlType) {
  return error ? { error } : { type: type() };
}
