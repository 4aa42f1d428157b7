// The runtime object `fn`: every helper that compiled closures call, and the object that
// TypeScript printed by printExpression(expr, "ts") calls as `fn.<helper>(...)`.
import * as cast from "./cast";
import * as collections from "./collections";
import * as json from "./json";
import * as like from "./like";
import * as math from "./math";
import * as nulls from "./nulls";
import * as operators from "./operators";
import * as strings from "./strings";
import * as time from "./time";

export const fn = {
  ...operators,
  ...like,
  ...collections,
  ...strings,
  ...math,
  ...nulls,
  ...cast,
  ...time,
  extractJsonField: json.extractJsonField,
};

export type Runtime = typeof fn;
