// Monarch tokenizer for ksqlDB: statements for the SQL tab and the expression grammar of
// packages/expr for inspector fields. Function names are highlighted from expr's catalogue.
import type { languages } from "monaco-editor/editor/editor.api";

export const KSQL_LANGUAGE = "ksql";

const KEYWORDS = [
  "AND",
  "OR",
  "NOT",
  "IS",
  "NULL",
  "LIKE",
  "IN",
  "BETWEEN",
  "CASE",
  "WHEN",
  "THEN",
  "ELSE",
  "END",
  "CAST",
  "AS",
  "TRUE",
  "FALSE",
  "CREATE",
  "STREAM",
  "TABLE",
  "SELECT",
  "FROM",
  "WHERE",
  "GROUP",
  "BY",
  "HAVING",
  "WINDOW",
  "TUMBLING",
  "HOPPING",
  "SESSION",
  "SIZE",
  "ADVANCE",
  "RETENTION",
  "GRACE",
  "PERIOD",
  "EMIT",
  "CHANGES",
  "FINAL",
  "JOIN",
  "INNER",
  "LEFT",
  "RIGHT",
  "FULL",
  "OUTER",
  "WITHIN",
  "ON",
  "PARTITION",
  "INSERT",
  "INTO",
  "WITH",
  "DROP",
  "KEY",
  "PRIMARY",
  "SECONDS",
  "SECOND",
  "MINUTES",
  "MINUTE",
  "HOURS",
  "HOUR",
  "DAYS",
  "DAY",
  "MILLISECONDS",
  "MILLISECOND",
  "IF",
  "EXISTS",
  "LIMIT",
];

const TYPES = [
  "BOOLEAN",
  "INT",
  "INTEGER",
  "BIGINT",
  "DOUBLE",
  "DECIMAL",
  "STRING",
  "VARCHAR",
  "BYTES",
  "TIMESTAMP",
  "DATE",
  "TIME",
  "ARRAY",
  "MAP",
  "STRUCT",
];

const PSEUDO = ["ROWTIME", "ROWPARTITION", "ROWOFFSET", "WINDOWSTART", "WINDOWEND"];

export function ksqlMonarch(functions: string[]): languages.IMonarchLanguage {
  return {
    ignoreCase: true,
    keywords: KEYWORDS,
    typeKeywords: TYPES,
    pseudo: PSEUDO,
    functions: functions.map((f) => f.toUpperCase()),
    tokenizer: {
      root: [
        [/--.*$/, "comment"],
        [/\/\*/, "comment", "@comment"],
        [/'/, "string", "@string"],
        [/`[^`]*`/, "identifier"],
        [/\d+(\.\d+)?([eE][-+]?\d+)?/, "number"],
        [
          /[A-Za-z_][\w$]*/,
          {
            cases: {
              "@keywords": "keyword",
              "@typeKeywords": "type",
              "@pseudo": "variable.predefined",
              "@functions": "predefined",
              "@default": "identifier",
            },
          },
        ],
        [/->|<>|!=|<=|>=|\|\||[=<>+\-*/%]/, "operator"],
        [/[(),.;[\]]/, "delimiter"],
        [/\s+/, "white"],
      ],
      string: [
        [/''/, "string.escape"],
        [/'/, "string", "@pop"],
        [/[^']+/, "string"],
      ],
      comment: [
        [/\*\//, "comment", "@pop"],
        [/[^*]+/, "comment"],
        [/\*/, "comment"],
      ],
    },
  } as languages.IMonarchLanguage;
}

export const ksqlConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: "--", blockComment: ["/*", "*/"] },
  brackets: [
    ["(", ")"],
    ["[", "]"],
  ],
  autoClosingPairs: [
    { open: "(", close: ")" },
    { open: "[", close: "]" },
    { open: "'", close: "'", notIn: ["string"] },
  ],
};
