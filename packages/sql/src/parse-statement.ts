// The statement grammar: CREATE STREAM/TABLE (with columns or AS SELECT), INSERT INTO ...
// SELECT, DROP; anything else is recognised as unsupported with its position.
import type { ColumnDef, SourceKind, Statement } from "./ast";
import { Cursor } from "./cursor";
import { type Position, SqlFailure } from "./errors";
import { parseColumnType, parseProperties } from "./parse-clauses";
import { parseSelect, RESERVED } from "./parse-select";
import type { StatementText } from "./script";

/** Parses one statement; throws SqlFailure with a script-wide position on bad input. */
export function parseStatement(text: StatementText): Statement {
  const c = Cursor.of(text);
  const position = c.position();
  const statement = parseAny(c, position);
  if (!c.atEnd) c.unexpected("end of statement");
  return statement;
}

function parseAny(c: Cursor, position: Position): Statement {
  if (c.acceptWord("CREATE")) return parseCreate(c, position);
  if (c.acceptWord("INSERT", "INTO")) {
    const target = c.ident("a stream name");
    if (c.isWord("VALUES") || c.isPunct("(")) {
      skipRest(c);
      return { type: "unsupported", what: "INSERT VALUES", target, position };
    }
    return { type: "insert-into", target, query: parseSelect(c), position };
  }
  if (c.acceptWord("DROP")) {
    const kind = sourceKind(c);
    const ifExists = c.acceptWord("IF", "EXISTS");
    const name = c.ident("a stream or table name");
    const deleteTopic = c.acceptWord("DELETE", "TOPIC");
    return { type: "drop", kind, name, ifExists, deleteTopic, position };
  }
  if (c.acceptWord("ALTER")) {
    const what = `ALTER ${sourceKind(c)}`;
    const target = c.ident();
    skipRest(c);
    return { type: "unsupported", what, target, position };
  }
  const word = c.peek()?.image.toUpperCase() ?? "";
  if (
    ["SET", "UNSET", "TERMINATE", "DESCRIBE", "SHOW", "LIST", "EXPLAIN", "PRINT"].includes(word)
  ) {
    skipRest(c);
    return { type: "unsupported", what: word, position };
  }
  if (word === "SELECT") {
    throw new SqlFailure(
      "Transient (pull or push) queries are not supported; use CREATE ... AS SELECT",
      position,
    );
  }
  c.unexpected("CREATE, INSERT or DROP");
}

function skipRest(c: Cursor): void {
  while (!c.atEnd) c.advance();
}

function sourceKind(c: Cursor): SourceKind {
  if (c.acceptWord("STREAM")) return "STREAM";
  if (c.acceptWord("TABLE")) return "TABLE";
  c.unexpected("STREAM or TABLE");
}

function parseCreate(c: Cursor, position: Position): Statement {
  const orReplace = c.acceptWord("OR", "REPLACE");
  const readOnly = c.acceptWord("SOURCE");
  const kind = sourceKind(c);
  const ifNotExists = c.acceptWord("IF", "NOT", "EXISTS");
  const name = c.ident("a stream or table name");
  const columns = c.isPunct("(") ? parseColumns(c) : [];
  const properties = parseProperties(c);
  if (c.acceptWord("AS")) {
    const query = parseSelect(c);
    return {
      type: "create-as-select",
      kind,
      orReplace,
      ifNotExists,
      name,
      properties,
      query,
      position,
    };
  }
  return {
    type: "create-source",
    kind,
    orReplace,
    ifNotExists,
    readOnly,
    name,
    columns,
    properties,
    position,
  };
}

function parseColumns(c: Cursor): ColumnDef[] {
  c.expectPunct("(");
  const columns: ColumnDef[] = [];
  do {
    const name = c.ident("a column name", RESERVED_COLUMN);
    const type = parseColumnType(c);
    const primaryKey = c.acceptWord("PRIMARY", "KEY");
    const key = primaryKey || c.acceptWord("KEY");
    columns.push({ name, type, key, primaryKey });
  } while (c.acceptPunct(","));
  c.expectPunct(")");
  return columns;
}

const RESERVED_COLUMN = new Set([...RESERVED].filter((w) => w !== "LEFT" && w !== "RIGHT"));
