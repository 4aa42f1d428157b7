// Runtime of the numeric functions. ROUND without digits rounds half up like Java's
// Math.round; with digits (and on DECIMAL) it rounds half away from zero like BigDecimal.
import { roundHalfUp, strict } from "./strict";

type N = number;

export const abs = strict((x: N) => Math.abs(x));
export const floor = strict((x: N) => Math.floor(x));
export const ceil = strict((x: N) => Math.ceil(x));
export const sqrt = strict((x: N) => Math.sqrt(x));
export const power = strict((base: N, exponent: N) => base ** exponent);
export const exp = strict((x: N) => Math.exp(x));
export const ln = strict((x: N) => Math.log(x));
export const sign = strict((x: N) => Math.sign(x));
export const round = strict((x: N) => Math.floor(x + 0.5));
export const roundDigits = strict((x: N, digits: N) => roundHalfUp(x, digits));

/** GREATEST / LEAST: null arguments are ignored; null only when all are null. */
export function greatest(...values: unknown[]): unknown {
  return pick(values, (a, b) => a > b);
}

export function least(...values: unknown[]): unknown {
  return pick(values, (a, b) => a < b);
}

function pick(values: unknown[], better: (a: any, b: any) => boolean): unknown {
  let best: unknown = null;
  for (const v of values) if (v != null && (best === null || better(v, best))) best = v;
  return best;
}

export const roundDecimal = strict((x: N) => roundHalfUp(x, 0));
