// ksqlDB aggregate functions written out as accumulator code in the generated TypeScript:
// an initial value, how a record adds to (and, on tables, subtracts from) the accumulator,
// how two session accumulators merge, and, for AVG and COUNT_DISTINCT, the final result.
// SUM_LIST adds the non-null elements of each record's array.
// Nulls follow ksqlDB: ignored by every function except COUNT(*) and COLLECT_LIST.
import type { Aggregation } from "@riffle/topology";

export interface UdafCode {
  init: string;
  add(acc: string, args: string[]): string;
  subtract?(acc: string, args: string[]): string;
  merge(a: string, b: string, args: string[]): string;
  finish?(acc: string): string;
}

const DESC = "(a, b) => (a < b ? 1 : a > b ? -1 : 0)";
const skipNull = (x: string, acc: string, then: string) => `${x} == null ? ${acc} : ${then}`;
const without = (acc: string, x: string) => `${acc}.filter((v, i) => i !== ${acc}.indexOf(${x}))`;
const sumList = (x: string) =>
  `(${x} ?? []).reduce((s: number, v: number | null) => s + (v ?? 0), 0)`;
const top = (list: string, k: string) => `${list}.sort(${DESC}).slice(0, ${k})`;

export const UDAFS: Record<Aggregation["fn"], UdafCode> = {
  COUNT: {
    init: "0",
    add: (acc, [x]) => (x === undefined ? `${acc} + 1` : skipNull(x, acc, `${acc} + 1`)),
    subtract: (acc, [x]) => (x === undefined ? `${acc} - 1` : skipNull(x, acc, `${acc} - 1`)),
    merge: (a, b) => `${a} + ${b}`,
  },
  SUM: {
    init: "0",
    add: (acc, [x]) => `${acc} + (${x} ?? 0)`,
    subtract: (acc, [x]) => `${acc} - (${x} ?? 0)`,
    merge: (a, b) => `${a} + ${b}`,
  },
  SUM_LIST: {
    init: "0",
    add: (acc, [x]) => `${acc} + ${sumList(x)}`,
    subtract: (acc, [x]) => `${acc} - ${sumList(x)}`,
    merge: (a, b) => `${a} + ${b}`,
  },
  MIN: {
    init: "null",
    add: (acc, [x]) => skipNull(x, acc, `${acc} == null || ${x} < ${acc} ? ${x} : ${acc}`),
    merge: (a, b) => `${b} == null || (${a} != null && ${a} <= ${b}) ? ${a} : ${b}`,
  },
  MAX: {
    init: "null",
    add: (acc, [x]) => skipNull(x, acc, `${acc} == null || ${x} > ${acc} ? ${x} : ${acc}`),
    merge: (a, b) => `${b} == null || (${a} != null && ${a} >= ${b}) ? ${a} : ${b}`,
  },
  AVG: {
    init: "{ sum: 0, count: 0 }",
    add: (acc, [x]) => skipNull(x, acc, `{ sum: ${acc}.sum + ${x}, count: ${acc}.count + 1 }`),
    subtract: (acc, [x]) => skipNull(x, acc, `{ sum: ${acc}.sum - ${x}, count: ${acc}.count - 1 }`),
    merge: (a, b) => `{ sum: ${a}.sum + ${b}.sum, count: ${a}.count + ${b}.count }`,
    finish: (acc) => `${acc}.count === 0 ? null : ${acc}.sum / ${acc}.count`,
  },
  COUNT_DISTINCT: {
    init: "[] as any[]",
    add: (acc, [x]) => `${x} == null || ${acc}.includes(${x}) ? ${acc} : [...${acc}, ${x}]`,
    merge: (a, b) => `[...new Set([...${a}, ...${b}])]`,
    finish: (acc) => `${acc}.length`,
  },
  COLLECT_LIST: {
    init: "[] as any[]",
    add: (acc, [x]) => `[...${acc}, ${x}]`,
    subtract: (acc, [x]) => without(acc, x),
    merge: (a, b) => `[...${a}, ...${b}]`,
  },
  COLLECT_SET: {
    init: "[] as any[]",
    add: (acc, [x]) => `${x} == null || ${acc}.includes(${x}) ? ${acc} : [...${acc}, ${x}]`,
    subtract: (acc, [x]) => without(acc, x),
    merge: (a, b) => `[...new Set([...${a}, ...${b}])]`,
  },
  TOPK: {
    init: "[] as any[]",
    add: (acc, [x, k]) => skipNull(x, acc, top(`[...${acc}, ${x}]`, k)),
    merge: (a, b, [, k]) => top(`${a}.concat(${b})`, k),
  },
  TOPKDISTINCT: {
    init: "[] as any[]",
    add: (acc, [x, k]) =>
      `${x} == null || ${acc}.includes(${x}) ? ${acc} : ${top(`[...${acc}, ${x}]`, k)}`,
    merge: (a, b, [, k]) => top(`[...new Set([...${a}, ...${b}])]`, k),
  },
  EARLIEST_BY_OFFSET: {
    init: "null",
    add: (acc, [x]) => `${acc} ?? ${x}`,
    merge: (a, b) => `${a} ?? ${b}`,
  },
  LATEST_BY_OFFSET: {
    init: "null",
    add: (acc, [x]) => `${x} ?? ${acc}`,
    merge: (a, b) => `${b} ?? ${a}`,
  },
};
