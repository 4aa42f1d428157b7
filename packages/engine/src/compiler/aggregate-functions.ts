// ksqlDB's aggregate functions (UDAFs) as initialize/add/subtract/result over JSON-able state,
// so aggregate stores stay changelog-friendly. Subtract exists where ksqlDB can undo (tables);
// merge combines two sessions' states when a record bridges them (ksqlDB's UDAF merge).
import type { AggregateFunction } from "@riffle/topology";
import { storeKey } from "../state/store-key";

export interface Udaf {
  init(): unknown;
  add(state: any, args: unknown[]): unknown;
  subtract(state: any, args: unknown[]): unknown;
  /** The state of two sessions joined into one; `a` is the earlier session's. */
  merge(a: any, b: any): unknown;
  result(state: any): unknown;
}

const same = (s: unknown) => s;
const isNull = (v: unknown) => v === null || v === undefined;
const removeOne = (list: unknown[], v: unknown) => {
  const i = list.findIndex((x) => storeKey(x) === storeKey(v));
  return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
};
const sumList = (l: unknown) =>
  Array.isArray(l) ? l.reduce((s: number, v) => (isNull(v) ? s : s + (v as number)), 0) : 0;
const distinct = (list: unknown[], v: unknown) =>
  list.some((x) => storeKey(x) === storeKey(v)) ? list : [...list, v];
const union = (a: unknown[], b: unknown[]) => b.reduce(distinct, a);
/** TOPK's k is an argument, not state: merge keeps every candidate; the next add trims to k. */
const topMerge = (unique: boolean) => (a: number[], b: number[]) =>
  (unique ? union(a, b) : [...a, ...b]).sort((x: any, y: any) => (x < y ? 1 : x > y ? -1 : 0));
const top = (list: number[], v: number, k: number, unique: boolean) =>
  (unique && list.includes(v) ? list : [...list, v])
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .slice(0, k);

export function udaf(fn: AggregateFunction): Udaf {
  switch (fn) {
    case "COUNT":
      return {
        init: () => 0,
        add: (n: number, args) => (args.length === 0 || !isNull(args[0]) ? n + 1 : n),
        subtract: (n: number, args) => (args.length === 0 || !isNull(args[0]) ? n - 1 : n),
        merge: (a: number, b: number) => a + b,
        result: same,
      };
    case "SUM_LIST":
      return {
        init: () => 0,
        add: (n: number, [l]) => n + sumList(l),
        subtract: (n: number, [l]) => n - sumList(l),
        merge: (a: number, b: number) => a + b,
        result: same,
      };
    case "SUM":
      return {
        init: () => 0,
        add: (n: number, [v]) => (isNull(v) ? n : n + (v as number)),
        subtract: (n: number, [v]) => (isNull(v) ? n : n - (v as number)),
        merge: (a: number, b: number) => a + b,
        result: same,
      };
    case "AVG":
      return {
        init: () => [0, 0],
        add: ([s, c]: number[], [v]) => (isNull(v) ? [s, c] : [s + (v as number), c + 1]),
        subtract: ([s, c]: number[], [v]) => (isNull(v) ? [s, c] : [s - (v as number), c - 1]),
        merge: ([s1, c1]: number[], [s2, c2]: number[]) => [s1 + s2, c1 + c2],
        result: ([s, c]: number[]) => (c === 0 ? null : s / c),
      };
    case "MIN":
    case "MAX": {
      const better = fn === "MIN" ? (a: any, b: any) => a < b : (a: any, b: any) => a > b;
      return {
        init: () => null,
        add: (m, [v]) => (isNull(v) ? m : m === null || better(v, m) ? v : m),
        subtract: same,
        merge: (a, b) => (a === null ? b : b === null || better(a, b) ? a : b),
        result: same,
      };
    }
    case "COUNT_DISTINCT":
      return {
        init: () => [],
        add: (l: unknown[], [v]) => (isNull(v) ? l : distinct(l, v)),
        subtract: (l: unknown[], [v]) => removeOne(l, v),
        merge: union,
        result: (l: unknown[]) => l.length,
      };
    case "COLLECT_LIST":
      return {
        init: () => [],
        add: (l: unknown[], [v]) => [...l, v],
        subtract: (l: unknown[], [v]) => removeOne(l, v),
        merge: (a: unknown[], b: unknown[]) => [...a, ...b],
        result: same,
      };
    case "COLLECT_SET":
      return {
        init: () => [],
        add: (l: unknown[], [v]) => (isNull(v) ? l : distinct(l, v)),
        subtract: (l: unknown[], [v]) => removeOne(l, v),
        merge: union,
        result: same,
      };
    case "TOPK":
    case "TOPKDISTINCT":
      return {
        init: () => [],
        add: (l: number[], [v, k]) =>
          isNull(v) ? l : top(l, v as number, k as number, fn === "TOPKDISTINCT"),
        subtract: same,
        merge: topMerge(fn === "TOPKDISTINCT"),
        result: same,
      };
    case "EARLIEST_BY_OFFSET":
      return {
        init: () => null,
        add: (e, [v]) => (e === null && !isNull(v) ? v : e),
        subtract: same,
        merge: (a, b) => (a === null ? b : a),
        result: same,
      };
    case "LATEST_BY_OFFSET":
      return {
        init: () => null,
        add: (l, [v]) => (isNull(v) ? l : v),
        subtract: same,
        merge: (a, b) => (b === null ? a : b),
        result: same,
      };
  }
}
