// Expressions in ksqlDB SQL, printed by @riffle/expr so quoting and precedence are its own.
import { parseExpression, printExpression, tokenize } from "@riffle/expr";

export function sql(text: string): string {
  const parsed = parseExpression(text);
  // Validation already parsed every expression; the fallback only keeps printing total.
  return parsed.ok ? printExpression(parsed.value, "sql") : text.trim();
}

/** A predicate that counts NULL as not matching: filterNot and "no earlier branch matched". */
export function notTrue(predicate: string): string {
  return `NOT COALESCE((${sql(predicate)}), FALSE)`;
}

/** `text` with each reference to a column in `calls` replaced by its expression: over an
 *  aggregate's output columns (HAVING, SELECT) or a join's sources (`O_ID` -> `O.ID`). */
export function overColumns(text: string, calls: ReadonlyMap<string, string>): string {
  const tokens = tokenize(text);
  if (!tokens.ok) return text;
  let out = "";
  let at = 0;
  tokens.value.forEach((t, i) => {
    const call = calls.get(t.type === "identifier" ? t.text.toUpperCase() : t.text);
    const prev = tokens.value[i - 1]?.image;
    const named = (t.type === "identifier" || t.type === "quoted") && call !== undefined;
    if (!named || prev === "." || prev === "->" || tokens.value[i + 1]?.image === "(") return;
    out += text.slice(at, t.offset) + call;
    at = t.offset + t.image.length;
  });
  return sql(out + text.slice(at));
}
