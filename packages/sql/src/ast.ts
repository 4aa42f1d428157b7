// The statement AST of the supported ksqlDB dialect. Expressions stay as ExprRef (AST from
// @riffle/expr plus tokens and text) so the planner can rewrite and print them.
import type { ExprRef, Ident } from "./cursor";
import type { Position } from "./errors";

export type SourceKind = "STREAM" | "TABLE";

/** WITH (...) properties, names upper-cased, values as written (strings unquoted). */
export type Properties = Map<string, { value: string; position: Position }>;

export interface ColumnDef {
  name: Ident;
  type: string;
  key: boolean;
  primaryKey: boolean;
}

export interface CreateSource {
  type: "create-source";
  kind: SourceKind;
  orReplace: boolean;
  ifNotExists: boolean;
  /** CREATE SOURCE STREAM/TABLE: read-only, no INSERT INTO or DELETE TOPIC. */
  readOnly: boolean;
  name: Ident;
  columns: ColumnDef[];
  properties: Properties;
  position: Position;
}

export interface CreateAsSelect {
  type: "create-as-select";
  kind: SourceKind;
  orReplace: boolean;
  ifNotExists: boolean;
  name: Ident;
  properties: Properties;
  query: Select;
  position: Position;
}

export interface InsertInto {
  type: "insert-into";
  target: Ident;
  query: Select;
  position: Position;
}

export interface DropSource {
  type: "drop";
  kind: SourceKind;
  name: Ident;
  ifExists: boolean;
  deleteTopic: boolean;
  position: Position;
}

/** A statement Riffle recognises but cannot run (INSERT VALUES, ALTER, SET ...). */
export interface Unsupported {
  type: "unsupported";
  what: string;
  target?: Ident;
  position: Position;
}

export type Statement = CreateSource | CreateAsSelect | InsertInto | DropSource | Unsupported;

export type SelectItem =
  | { kind: "star"; qualifier?: Ident; position: Position }
  | { kind: "expr"; expr: ExprRef; alias?: Ident };

export interface Relation {
  name: Ident;
  alias?: Ident;
}

export type JoinKind = "INNER" | "LEFT" | "RIGHT" | "FULL";

export interface JoinWithin {
  beforeMs: number;
  afterMs: number;
  graceMs?: number;
}

export interface JoinClause {
  kind: JoinKind;
  relation: Relation;
  within?: JoinWithin;
  on: ExprRef;
  position: Position;
}

export type WindowSpec =
  | { type: "tumbling"; sizeMs: number; graceMs?: number; retentionMs?: number }
  | { type: "hopping"; sizeMs: number; advanceMs: number; graceMs?: number; retentionMs?: number }
  | { type: "session"; gapMs: number; graceMs?: number; retentionMs?: number };

export interface Select {
  items: SelectItem[];
  from: Relation;
  joins: JoinClause[];
  window?: WindowSpec & { position: Position };
  where?: ExprRef;
  groupBy?: ExprRef[];
  partitionBy?: { exprs: ExprRef[]; position: Position };
  having?: ExprRef;
  emit?: "changes" | "final";
  position: Position;
}
