// Public surface of @riffle/codegen: a topology document to TypeScript, Java or ksqlDB SQL.
export type { ExportResult, Finding, FindingCode, Lang } from "./finding";
export { toKsql } from "./ksql/printer";
