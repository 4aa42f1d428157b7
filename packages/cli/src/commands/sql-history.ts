// The `riffle sql` history kept across sessions, like ksqlDB's CLI keeps `~/.ksql-history`:
// one entered line per file line, oldest first, in RIFFLE_SQL_HISTORY or ~/.riffle_sql_history.
import { readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export const HISTORY_SIZE = 500;

export function historyFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.RIFFLE_SQL_HISTORY || join(homedir(), ".riffle_sql_history");
}

/** The saved lines newest first, as readline's `history` option wants them; none if unreadable. */
export function loadHistory(file: string): string[] {
  try {
    const lines = readFileSync(file, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
    return lines.slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** Saves readline's history (newest first); a history that cannot be written is not an error
 *  worth interrupting the session for, so it reports once through `warn`. */
export function historySaver(file: string, warn: (message: string) => void) {
  let warned = false;
  return (history: string[]) => {
    try {
      writeFileSync(file, `${[...history].reverse().join("\n")}\n`);
    } catch (err) {
      if (!warned) warn(`history not saved to ${file}: ${(err as Error).message}`);
      warned = true;
    }
  };
}
