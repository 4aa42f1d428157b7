// Expressions in ksqlDB SQL. Document expressions are already in the ksqlDB dialect.
export function sql(text: string): string {
  return text.trim();
}

/** A predicate that counts NULL as not matching: filterNot and "no earlier branch matched". */
export function notTrue(predicate: string): string {
  return `NOT COALESCE((${sql(predicate)}), FALSE)`;
}
