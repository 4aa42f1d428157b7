// Runtime of the operators: SQL three-valued logic, null-propagating comparison and the
// arithmetic of each numeric type (INT wraps at 32 bits, integer division truncates,
// DECIMAL rounds to the result scale, division by zero of exact types gives null).
import { roundHalfUp, strict } from "./strict";

type V = unknown;

export function and(a: V, b: V): boolean | null {
  if (a === false || b === false) return false;
  return a == null || b == null ? null : true;
}

export function or(a: V, b: V): boolean | null {
  if (a === true || b === true) return true;
  return a == null || b == null ? null : false;
}

export function not(a: V): boolean | null {
  return a == null ? null : !a;
}

export function isNull(a: V): boolean {
  return a == null;
}

export function isNotNull(a: V): boolean {
  return a != null;
}

/** Deep equality for ARRAY, MAP and STRUCT values; === for the rest. */
export function same(a: V, b: V): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => same((a as Record<string, V>)[k], (b as Record<string, V>)[k]));
}

export const eq = strict((a: V, b: V) => same(a, b));
export const ne = strict((a: V, b: V) => !same(a, b));
export const lt = strict((a: any, b: any) => a < b);
export const le = strict((a: any, b: any) => a <= b);
export const gt = strict((a: any, b: any) => a > b);
export const ge = strict((a: any, b: any) => a >= b);

/** IS DISTINCT FROM: equality where null equals null and never yields null. */
export function distinct(a: V, b: V): boolean {
  if (a == null || b == null) return (a == null) !== (b == null);
  return !same(a, b);
}

export function notDistinct(a: V, b: V): boolean {
  return !distinct(a, b);
}

export const between = strict((x: any, low: any, high: any) => x >= low && x <= high);
export const notBetween = strict((x: any, low: any, high: any) => x < low || x > high);

/** x IN (list): true on a match; otherwise null if x or any item is null, else false. */
export function inList(x: V, ...list: V[]): boolean | null {
  if (x == null) return null;
  let sawNull = false;
  for (const item of list) {
    if (item == null) sawNull = true;
    else if (same(x, item)) return true;
  }
  return sawNull ? null : false;
}

export function notInList(x: V, ...list: V[]): boolean | null {
  return not(inList(x, ...list));
}

type N = number;

export const neg = strict((a: N) => -a);
export const negInt = strict((a: N) => -a | 0);
export const add = strict((a: N, b: N) => a + b);
export const sub = strict((a: N, b: N) => a - b);
export const mul = strict((a: N, b: N) => a * b);
export const div = strict((a: N, b: N) => a / b);
export const mod = strict((a: N, b: N) => a % b);
export const addInt = strict((a: N, b: N) => (a + b) | 0);
export const subInt = strict((a: N, b: N) => (a - b) | 0);
export const mulInt = strict((a: N, b: N) => Math.imul(a, b));
export const divInt = strict((a: N, b: N) => (b === 0 ? null : (a / b) | 0));
export const modInt = strict((a: N, b: N) => (b === 0 ? null : (a % b) | 0));
export const divLong = strict((a: N, b: N) => (b === 0 ? null : Math.trunc(a / b)));
export const modLong = strict((a: N, b: N) => (b === 0 ? null : a % b));
export const addDec = strict((a: N, b: N, scale: N) => roundHalfUp(a + b, scale));
export const subDec = strict((a: N, b: N, scale: N) => roundHalfUp(a - b, scale));
export const mulDec = strict((a: N, b: N, scale: N) => roundHalfUp(a * b, scale));
export const divDec = strict((a: N, b: N, scale: N) =>
  b === 0 ? null : roundHalfUp(a / b, scale),
);
export const modDec = strict((a: N, b: N, scale: N) =>
  b === 0 ? null : roundHalfUp(a % b, scale),
);
