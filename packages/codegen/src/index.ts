// Public surface of @riffle/codegen: a topology document to TypeScript, Java or ksqlDB SQL.
import type { ValidationResult } from "@riffle/topology";
import type { ExportResult, Lang } from "./finding";
import { printJava } from "./java/printer";
import { printKsql } from "./ksql/printer";
import { type CodegenModel, prepare } from "./model";
import { printTypeScript } from "./typescript/printer";

export type { ExportResult, Finding, FindingCode, Lang } from "./finding";

const PRINTERS: Record<Lang, (model: CodegenModel) => ExportResult> = {
  ksql: printKsql,
  java: printJava,
  ts: printTypeScript,
};

/**
 * A topology document (JSON text or value) as code in `lang`, with findings for whatever the
 * target cannot express exactly. Never throws; an invalid document yields no code.
 * `validated`: what `validate(input)` returned, when the caller has just validated the same
 * document (the studio, a pipeline), so the export does not validate it again.
 * @example const { code, findings } = exportTopology(doc, "ksql");
 */
export function exportTopology(
  input: unknown,
  lang: Lang,
  validated?: ValidationResult,
): ExportResult {
  const { model, findings } = prepare(input, validated);
  return model ? PRINTERS[lang](model) : { code: "", findings };
}

/** ksqlDB statements for a topology document; see exportTopology. */
export const toKsql = (input: unknown, validated?: ValidationResult): ExportResult =>
  exportTopology(input, "ksql", validated);
/** A Kafka Streams application in Java; see exportTopology. */
export const toJava = (input: unknown, validated?: ValidationResult): ExportResult =>
  exportTopology(input, "java", validated);
/** A TypeScript module on Riffle's engine DSL; see exportTopology. */
export const toTypeScript = (input: unknown, validated?: ValidationResult): ExportResult =>
  exportTopology(input, "ts", validated);
