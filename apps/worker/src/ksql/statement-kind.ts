// Recognises what a ksqlDB statement asks for from its leading keywords, before any planning:
// the executor routes on this, and @riffle/sql plans the statements that build topologies.

export type Statement =
  | { kind: "create-source" }
  | { kind: "create-as-select"; sourceKind: "STREAM" | "TABLE"; name: string }
  | { kind: "insert-select"; target: string }
  | { kind: "insert-values"; target: string; columns?: string[]; values: string }
  | { kind: "show"; what: "STREAMS" | "TABLES" | "QUERIES" | "TOPICS" | "PROPERTIES" }
  | { kind: "describe"; name: string; extended: boolean }
  | { kind: "explain"; queryId: string }
  | { kind: "terminate"; queryId: string }
  | { kind: "drop"; sourceKind: "STREAM" | "TABLE"; name: string; ifExists: boolean }
  | { kind: "set"; property: string; value: string }
  | { kind: "unset"; property: string }
  | { kind: "select" };

const NAME = "(`[^`]+`|[A-Za-z_][\\w]*)";
const PATTERNS: [RegExp, (m: RegExpMatchArray) => Statement][] = [
  [
    new RegExp(
      `^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(STREAM|TABLE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?${NAME}[\\s\\S]*?\\bAS\\s+SELECT\\b`,
      "i",
    ),
    (m) => ({ kind: "create-as-select", sourceKind: upper(m[1]) as "STREAM", name: ident(m[2]!) }),
  ],
  [
    /^CREATE\s+(?:OR\s+REPLACE\s+)?(?:SOURCE\s+)?(STREAM|TABLE)\b/i,
    () => ({ kind: "create-source" }),
  ],
  [
    new RegExp(
      `^INSERT\\s+INTO\\s+${NAME}\\s*(?:\\(([^)]*)\\))?\\s*VALUES\\s*\\(([\\s\\S]*)\\)$`,
      "i",
    ),
    (m) => ({
      kind: "insert-values",
      target: ident(m[1]!),
      columns: m[2]?.split(",").map((c) => ident(c.trim())),
      values: m[3]!,
    }),
  ],
  [
    new RegExp(`^INSERT\\s+INTO\\s+${NAME}[\\s\\S]*\\bSELECT\\b`, "i"),
    (m) => ({ kind: "insert-select", target: ident(m[1]!) }),
  ],
  [
    /^(?:SHOW|LIST)\s+(STREAMS|TABLES|QUERIES|TOPICS|PROPERTIES)(?:\s+EXTENDED)?$/i,
    (m) => ({ kind: "show", what: upper(m[1]) as "STREAMS" }),
  ],
  [
    new RegExp(`^DESCRIBE\\s+(EXTENDED\\s+)?${NAME}(\\s+EXTENDED)?$`, "i"),
    (m) => ({ kind: "describe", name: ident(m[2]!), extended: Boolean(m[1] || m[3]) }),
  ],
  [/^EXPLAIN\s+(\S+)$/i, (m) => ({ kind: "explain", queryId: m[1]!.toUpperCase() })],
  [/^TERMINATE\s+(\S+)$/i, (m) => ({ kind: "terminate", queryId: m[1]!.toUpperCase() })],
  [
    new RegExp(
      `^DROP\\s+(STREAM|TABLE)\\s+(IF\\s+EXISTS\\s+)?${NAME}(?:\\s+DELETE\\s+TOPIC)?$`,
      "i",
    ),
    (m) => ({
      kind: "drop",
      sourceKind: upper(m[1]) as "STREAM",
      name: ident(m[3]!),
      ifExists: Boolean(m[2]),
    }),
  ],
  [/^SET\s+'([^']+)'\s*=\s*'([^']*)'$/i, (m) => ({ kind: "set", property: m[1]!, value: m[2]! })],
  [/^UNSET\s+'([^']+)'$/i, (m) => ({ kind: "unset", property: m[1]! })],
  [/^SELECT\b/i, () => ({ kind: "select" })],
];

/** The statement's kind, or undefined when no ksqlDB statement starts this way. */
export function classify(text: string): Statement | undefined {
  const flat = text.trim();
  for (const [pattern, build] of PATTERNS) {
    const m = flat.match(pattern);
    if (m) return build(m);
  }
  return undefined;
}

/** Statements that create, drop or terminate something: the ones the commands log records. */
export function changesWhatRuns(stmt: Statement): boolean {
  return ["create-source", "create-as-select", "insert-select", "terminate", "drop"].includes(
    stmt.kind,
  );
}

/** ksqlDB upper-cases unquoted identifiers; back-quoted ones keep their case. */
export function ident(text: string): string {
  return text.startsWith("`") ? text.slice(1, -1) : text.toUpperCase();
}

function upper(text: string | undefined) {
  return (text ?? "").toUpperCase();
}
