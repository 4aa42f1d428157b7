// The metastore of an import: every stream and table declared so far, where its records
// flow in the document, and its topic. Lookups fail with ksqlDB's messages.
import type { PortRef, SerdeFormat } from "@riffle/topology";
import type { SourceKind } from "./ast";
import type { Ident } from "./cursor";
import { fail, type Position } from "./errors";
import type { Row } from "./row";

export interface SourceInfo {
  name: string;
  kind: SourceKind;
  topic: string;
  partitions: number;
  keyFormat: SerdeFormat;
  valueFormat: SerdeFormat;
  row: Row;
  /** Declared with CREATE SOURCE: no INSERT INTO, no DELETE TOPIC. */
  readOnly: boolean;
  /** Declared with columns (CREATE STREAM/TABLE), not derived by a query. */
  declared: boolean;
  /** The node output carrying this source's records. */
  output: { node: string; port: string };
  position: Position;
}

export type { PortRef };

export class Catalog {
  private readonly sources = new Map<string, SourceInfo>();

  has(name: string): boolean {
    return this.sources.has(name);
  }

  find(name: string): SourceInfo | undefined {
    return this.sources.get(name);
  }

  get(ident: Ident): SourceInfo {
    const source = this.sources.get(ident.name);
    if (!source) fail(`${ident.name} does not exist.`, ident.position);
    return source;
  }

  add(source: SourceInfo): void {
    this.sources.set(source.name, source);
  }

  remove(name: string): void {
    this.sources.delete(name);
  }

  /** Sources reading or writing a topic, for the shared-topic checks. */
  all(): SourceInfo[] {
    return [...this.sources.values()];
  }
}
