// INSERT INTO source [(columns)] VALUES (literals): one record on the source's topic, key
// columns to the key (a single key column is the key itself) and the rest to a JSON value.
import type { TopicLog } from "../services/topic-log";
import type { KsqlCatalog } from "./catalog";
import type { Origin } from "./plan-sql";
import { StatementError } from "./statement-error";
import type { Statement } from "./statement-kind";

export async function insertValues(
  catalog: KsqlCatalog,
  topics: TopicLog,
  stmt: Extract<Statement, { kind: "insert-values" }>,
  origin: Origin,
) {
  const fail = (message: string) => new StatementError(message, origin.line, origin.column);
  const source = catalog.sources.get(stmt.target);
  if (!source) throw fail(`${stmt.target} does not exist.`);
  const { key, value } = source.summary;
  const columns = stmt.columns ?? [...key, ...value].map((c) => c.name);
  const literals = splitLiterals(stmt.values).map((l) => literal(l, fail));
  if (literals.length !== columns.length) {
    throw fail(`Expected ${columns.length} values, got ${literals.length}.`);
  }
  const row = new Map(columns.map((c, i) => [c, literals[i]]));
  for (const c of columns) {
    if (![...key, ...value].some((k) => k.name === c))
      throw fail(`Column name ${c} does not exist.`);
  }
  const keyValues = key.map((k) => row.get(k.name) ?? null);
  await topics.append(source.summary.topic, [
    {
      key:
        key.length === 1
          ? keyValues[0]
          : Object.fromEntries(key.map((k, i) => [k.name, keyValues[i]])),
      value: Object.fromEntries(value.map((c) => [c.name, row.get(c.name) ?? null])),
    },
  ]);
  return undefined;
}

/** Splits at commas outside single quotes. */
function splitLiterals(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "'") quoted = !quoted;
    else if (text[i] === "," && !quoted) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out;
}

function literal(text: string, fail: (m: string) => Error): unknown {
  if (/^'(?:[^']|'')*'$/.test(text)) return text.slice(1, -1).replaceAll("''", "'");
  if (/^null$/i.test(text)) return null;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  throw fail(`Only literals are supported in VALUES: ${text}`);
}
