// The runtime the generated Java calls, shipped inside the generated class so the export
// compiles on its own: `Fn` (expression helpers, ksqlDB null semantics) and `Udafs`
// (aggregate accumulators), each holding only the methods the code uses. A helper Riffle has
// no Java for is reported, never left dangling.
import type { FindingSink } from "../finding";

const NUMBERS = `private static boolean floating(Object a, Object b) {
  return a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float;
}

private static Number num(Object v) {
  return (Number) v;
}`;

const COMPARE = `@SuppressWarnings({"unchecked", "rawtypes"})
private static int compare(Object a, Object b) {
  if (a instanceof Number x && b instanceof Number y) {
    return floating(a, b)
        ? Double.compare(x.doubleValue(), y.doubleValue())
        : Long.compare(x.longValue(), y.longValue());
  }
  return ((Comparable) a).compareTo(b);
}`;

const longOrDouble = (op: string) => `(Object a, Object b) {
  if (a == null || b == null) return null;
  return floating(a, b)
      ? (Object) (num(a).doubleValue() ${op} num(b).doubleValue())
      : (Object) (num(a).longValue() ${op} num(b).longValue());
}`;
const integral = (type: "int" | "long", op: string) => {
  const get = type === "int" ? "intValue" : "longValue";
  return `(Object a, Object b) {
  if (a == null || b == null || num(b).${get}() == 0) return null;
  return num(a).${get}() ${op} num(b).${get}();
}`;
};
const intOp = (op: string) => `(Object a, Object b) {
  if (a == null || b == null) return null;
  return num(a).intValue() ${op} num(b).intValue();
}`;
const comparison = (test: string) => `(Object a, Object b) {
  return a == null || b == null ? null : compare(a, b) ${test};
}`;
const text = (body: string) => `(Object s) {
  return s == null ? null : ${body};
}`;

/** Java source of each Fn helper after its name: `static Object <name><rest>`. */
const FN: Record<string, { code: string; uses?: string[] }> = {
  add: { code: longOrDouble("+"), uses: ["numbers"] },
  sub: { code: longOrDouble("-"), uses: ["numbers"] },
  mul: { code: longOrDouble("*"), uses: ["numbers"] },
  div: {
    code: `(Object a, Object b) {
  return a == null || b == null ? null : num(a).doubleValue() / num(b).doubleValue();
}`,
    uses: ["numbers"],
  },
  mod: {
    code: `(Object a, Object b) {
  return a == null || b == null ? null : num(a).doubleValue() % num(b).doubleValue();
}`,
    uses: ["numbers"],
  },
  divLong: { code: integral("long", "/"), uses: ["numbers"] },
  modLong: { code: integral("long", "%"), uses: ["numbers"] },
  divInt: { code: integral("int", "/"), uses: ["numbers"] },
  modInt: { code: integral("int", "%"), uses: ["numbers"] },
  addInt: { code: intOp("+"), uses: ["numbers"] },
  subInt: { code: intOp("-"), uses: ["numbers"] },
  mulInt: { code: intOp("*"), uses: ["numbers"] },
  neg: {
    code: `(Object a) {
  if (a == null) return null;
  return a instanceof Double || a instanceof Float
      ? (Object) (-num(a).doubleValue())
      : (Object) (-num(a).longValue());
}`,
    uses: ["numbers"],
  },
  negInt: {
    code: `(Object a) {\n  return a == null ? null : -num(a).intValue();\n}`,
    uses: ["numbers"],
  },
  eq: { code: comparison("== 0"), uses: ["numbers", "compare"] },
  ne: { code: comparison("!= 0"), uses: ["numbers", "compare"] },
  lt: { code: comparison("< 0"), uses: ["numbers", "compare"] },
  le: { code: comparison("<= 0"), uses: ["numbers", "compare"] },
  gt: { code: comparison("> 0"), uses: ["numbers", "compare"] },
  ge: { code: comparison(">= 0"), uses: ["numbers", "compare"] },
  between: {
    code: `(Object x, Object low, Object high) {
  if (x == null || low == null || high == null) return null;
  return compare(x, low) >= 0 && compare(x, high) <= 0;
}`,
    uses: ["numbers", "compare"],
  },
  inList: {
    code: `(Object x, Object... list) {
  if (x == null) return null;
  boolean unknown = false;
  for (Object v : list) {
    if (v == null) unknown = true;
    else if (compare(x, v) == 0) return true;
  }
  return unknown ? null : false;
}`,
    uses: ["numbers", "compare"],
  },
  and: {
    code: `(Object a, Object b) {
  if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) return false;
  return a == null || b == null ? null : true;
}`,
  },
  or: {
    code: `(Object a, Object b) {
  if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) return true;
  return a == null || b == null ? null : false;
}`,
  },
  not: { code: `(Object a) {\n  return a == null ? null : !(Boolean) a;\n}` },
  isNull: { code: `(Object a) {\n  return a == null;\n}` },
  isNotNull: { code: `(Object a) {\n  return a != null;\n}` },
  coalesce: {
    code: `(Object... values) {
  for (Object v : values) if (v != null) return v;
  return null;
}`,
  },
  ifnull: { code: `(Object a, Object b) {\n  return a != null ? a : b;\n}` },
  greatest: {
    code: `(Object... values) {
  Object best = null;
  for (Object v : values) if (v != null && (best == null || compare(v, best) > 0)) best = v;
  return best;
}`,
    uses: ["numbers", "compare"],
  },
  least: {
    code: `(Object... values) {
  Object best = null;
  for (Object v : values) if (v != null && (best == null || compare(v, best) < 0)) best = v;
  return best;
}`,
    uses: ["numbers", "compare"],
  },
  concat: {
    code: `(Object... parts) {
  StringBuilder out = new StringBuilder();
  for (Object p : parts) if (p != null) out.append(p);
  return out.toString();
}`,
  },
  plusStrings: {
    code: `(Object a, Object b) {\n  return a == null || b == null ? null : a + "" + b;\n}`,
  },
  ucase: { code: text("s.toString().toUpperCase(java.util.Locale.ROOT)") },
  lcase: { code: text("s.toString().toLowerCase(java.util.Locale.ROOT)") },
  trim: { code: text("s.toString().trim()") },
  len: { code: text("s.toString().length()") },
  castString: { code: text("String.valueOf(s)") },
  castInt: {
    code: `(Object v) {
  if (v == null) return null;
  return v instanceof Number n ? n.intValue() : Integer.valueOf(v.toString().trim());
}`,
  },
  castBigint: {
    code: `(Object v) {
  if (v == null) return null;
  return v instanceof Number n ? n.longValue() : Long.valueOf(v.toString().trim());
}`,
  },
  castDouble: {
    code: `(Object v) {
  if (v == null) return null;
  return v instanceof Number n ? n.doubleValue() : Double.valueOf(v.toString().trim());
}`,
  },
  castBoolean: {
    code: `(Object v) {
  return v == null ? null : v instanceof Boolean b ? b : Boolean.valueOf(v.toString().trim());
}`,
  },
  field: {
    code: `(Object struct, Object name) {
  return struct == null ? null : ((Map<?, ?>) struct).get(name);
}`,
  },
  index: {
    code: `(Object array, Object i) {
  if (array == null || i == null) return null;
  List<?> list = (List<?>) array;
  int at = num(i).intValue();
  int k = at > 0 ? at - 1 : list.size() + at;
  return k >= 0 && k < list.size() ? list.get(k) : null;
}`,
    uses: ["numbers"],
  },
};

const SHARED: Record<string, string> = { numbers: NUMBERS, compare: COMPARE };

/** Accumulator helpers; an aggregate's `<fn>`, `<fn>Undo` (tables) and `<fn>Merge` (sessions). */
const UDAFS: Record<string, string> = {
  count: `static Object count(Object acc, Object... value) {
  long n = acc == null ? 0L : ((Number) acc).longValue();
  return value.length == 0 || value[0] != null ? n + 1 : n;
}`,
  countUndo: `static Object countUndo(Object acc, Object... value) {
  long n = acc == null ? 0L : ((Number) acc).longValue();
  return value.length == 0 || value[0] != null ? n - 1 : n;
}`,
  sum: `static Object sum(Object acc, Object value) {
  if (value == null) return acc;
  if (acc == null) return value;
  return value instanceof Double || acc instanceof Double
      ? (Object) (((Number) acc).doubleValue() + ((Number) value).doubleValue())
      : (Object) (((Number) acc).longValue() + ((Number) value).longValue());
}`,
  sumUndo: `static Object sumUndo(Object acc, Object value) {
  if (value == null || acc == null) return acc;
  return value instanceof Double || acc instanceof Double
      ? (Object) (((Number) acc).doubleValue() - ((Number) value).doubleValue())
      : (Object) (((Number) acc).longValue() - ((Number) value).longValue());
}`,
  min: `@SuppressWarnings({"unchecked", "rawtypes"})
static Object min(Object acc, Object value) {
  return value == null ? acc : acc == null || ((Comparable) value).compareTo(acc) < 0 ? value : acc;
}`,
  max: `@SuppressWarnings({"unchecked", "rawtypes"})
static Object max(Object acc, Object value) {
  return value == null ? acc : acc == null || ((Comparable) value).compareTo(acc) > 0 ? value : acc;
}`,
  avg: `static Object avg(Object acc, Object value) {
  List<?> sc = acc == null ? List.of(0.0, 0L) : (List<?>) acc;
  if (value == null) return sc;
  return List.of(((Number) sc.get(0)).doubleValue() + ((Number) value).doubleValue(),
      ((Number) sc.get(1)).longValue() + 1);
}`,
  avgUndo: `static Object avgUndo(Object acc, Object value) {
  List<?> sc = acc == null ? List.of(0.0, 0L) : (List<?>) acc;
  if (value == null) return sc;
  return List.of(((Number) sc.get(0)).doubleValue() - ((Number) value).doubleValue(),
      ((Number) sc.get(1)).longValue() - 1);
}`,
  average: `static Object average(Object acc) {
  List<?> sc = acc == null ? List.of(0.0, 0L) : (List<?>) acc;
  long n = ((Number) sc.get(1)).longValue();
  return n == 0 ? null : ((Number) sc.get(0)).doubleValue() / n;
}`,
  countDistinct: `static Object countDistinct(Object acc, Object value) {
  List<Object> seen = acc == null ? new ArrayList<>() : new ArrayList<>((List<?>) acc);
  if (value != null && !seen.contains(value)) seen.add(value);
  return seen;
}`,
  distinctCount: `static Object distinctCount(Object acc) {
  return acc == null ? 0L : (long) ((List<?>) acc).size();
}`,
  collectList: `static Object collectList(Object acc, Object value) {
  List<Object> list = acc == null ? new ArrayList<>() : new ArrayList<>((List<?>) acc);
  list.add(value);
  return list;
}`,
  collectSet: `static Object collectSet(Object acc, Object value) {
  List<Object> set = acc == null ? new ArrayList<>() : new ArrayList<>((List<?>) acc);
  if (value != null && !set.contains(value)) set.add(value);
  return set;
}`,
  latestByOffset: `static Object latestByOffset(Object acc, Object value) {
  return value != null ? value : acc;
}`,
  earliestByOffset: `static Object earliestByOffset(Object acc, Object value) {
  return acc != null ? acc : value;
}`,
  sumList: `static Object sumList(Object acc, Object values) {
  Object total = acc;
  if (values != null) for (Object v : (List<?>) values) total = sum(total, v);
  return total == null ? 0L : total;
}`,
};

const keep = (name: string) =>
  `static Object ${name}(Object acc, Object value) {\n  return acc;\n}`;
const without = (name: string) => `static Object ${name}(Object acc, Object value) {
  List<Object> list = acc == null ? new ArrayList<>() : new ArrayList<>((List<?>) acc);
  list.remove(value);
  return list;
}`;
const merge = (name: string, body: string) =>
  `static Object ${name}(Object a, Object b) {\n  ${body}\n}`;
// Undo: what ksqlDB can take back from a table aggregate; the others keep their state.
Object.assign(UDAFS, {
  minUndo: keep("minUndo"),
  maxUndo: keep("maxUndo"),
  latestByOffsetUndo: keep("latestByOffsetUndo"),
  earliestByOffsetUndo: keep("earliestByOffsetUndo"),
  collectListUndo: without("collectListUndo"),
  collectSetUndo: without("collectSetUndo"),
  countDistinctUndo: without("countDistinctUndo"),
  sumListUndo: `static Object sumListUndo(Object acc, Object values) {
  Object total = acc;
  if (values != null) for (Object v : (List<?>) values) total = sumUndo(total, v);
  return total;
}`,
  countMerge: merge("countMerge", "return sum(a, b);"),
  sumMerge: merge("sumMerge", "return sum(a, b);"),
  sumListMerge: merge("sumListMerge", "return sum(a, b);"),
  minMerge: merge("minMerge", "return min(a, b);"),
  maxMerge: merge("maxMerge", "return max(a, b);"),
  latestByOffsetMerge: merge("latestByOffsetMerge", "return b != null ? b : a;"),
  earliestByOffsetMerge: merge("earliestByOffsetMerge", "return a != null ? a : b;"),
  collectListMerge: merge(
    "collectListMerge",
    "List<Object> all = a == null ? new ArrayList<>() : new ArrayList<>((List<?>) a);\n  if (b != null) all.addAll((List<?>) b);\n  return all;",
  ),
  collectSetMerge: merge(
    "collectSetMerge",
    "Object all = a;\n  if (b != null) for (Object v : (List<?>) b) all = collectSet(all, v);\n  return all;",
  ),
  countDistinctMerge: merge(
    "countDistinctMerge",
    "Object all = a;\n  if (b != null) for (Object v : (List<?>) b) all = countDistinct(all, v);\n  return all;",
  ),
  avgMerge: merge(
    "avgMerge",
    "List<?> x = a == null ? List.of(0.0, 0L) : (List<?>) a;\n  List<?> y = b == null ? List.of(0.0, 0L) : (List<?>) b;\n  return List.of(((Number) x.get(0)).doubleValue() + ((Number) y.get(0)).doubleValue(),\n      ((Number) x.get(1)).longValue() + ((Number) y.get(1)).longValue());",
  ),
});

/** Methods a Udafs method calls in turn. */
const UDAF_USES: Record<string, string[]> = {
  sumList: ["sum"],
  sumListUndo: ["sumUndo"],
  countMerge: ["sum"],
  sumMerge: ["sum"],
  sumListMerge: ["sum"],
  minMerge: ["min"],
  maxMerge: ["max"],
  collectSetMerge: ["collectSet"],
  countDistinctMerge: ["countDistinct"],
};

/**
 * The nested `Fn` and `Udafs` classes for the helpers `body` calls; a helper with no Java
 * source gets an error finding and a comment in its place.
 */
export function runtimeClasses(body: string, findings: FindingSink): string[] {
  const used = (cls: string) => [
    ...new Set([...body.matchAll(new RegExp(`\\b${cls}\\.(\\w+)\\(`, "g"))].map((m) => m[1])),
  ];
  const missing = (cls: string, name: string) =>
    `// ${findings.add({
      code: "unsupported-expression",
      severity: "error",
      message: `${cls}.${name} has no Java implementation in Riffle's export yet`,
    })}`;
  const fn = used("Fn").sort();
  const shared = new Set(fn.flatMap((n) => FN[n]?.uses ?? []));
  const fnMethods = [
    ...[...shared].sort().map((s) => SHARED[s]),
    ...fn.map((n) => (FN[n] ? `static Object ${n}${FN[n].code}` : missing("Fn", n))),
  ];
  const udafs = used("Udafs");
  const withDeps = [...new Set([...udafs, ...udafs.flatMap((n) => UDAF_USES[n] ?? [])])].sort();
  const udafMethods = withDeps.map((n) => UDAFS[n] ?? missing("Udafs", n));
  return [
    ...(fn.length
      ? [nested("Fn", "Expression helpers with ksqlDB's null semantics.", fnMethods)]
      : []),
    ...(udafs.length
      ? [nested("Udafs", "Aggregate accumulators with ksqlDB's null semantics.", udafMethods)]
      : []),
  ];
}

function nested(name: string, doc: string, methods: string[]): string {
  const body = methods.map((m) => m.replace(/^(?=.)/gm, "  ")).join("\n\n");
  return `/** ${doc} */\nstatic final class ${name} {\n  private ${name}() {}\n\n${body}\n}`;
}
