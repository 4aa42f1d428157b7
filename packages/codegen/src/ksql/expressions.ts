// Expressions in ksqlDB SQL, printed by @riffle/expr so quoting and precedence are its own.
import { parseExpression, printExpression } from "@riffle/expr";

export function sql(text: string): string {
  const parsed = parseExpression(text);
  // Validation already parsed every expression; the fallback only keeps printing total.
  return parsed.ok ? printExpression(parsed.value, "sql") : text.trim();
}

/** A predicate that counts NULL as not matching: filterNot and "no earlier branch matched". */
export function notTrue(predicate: string): string {
  return `NOT COALESCE((${sql(predicate)}), FALSE)`;
}
