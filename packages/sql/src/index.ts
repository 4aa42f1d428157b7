// Public surface of @riffle/sql: ksqlDB-dialect SQL to a topology document.

export { compareRecords, jsonEqual, type TopicFormats } from "./conformance/compare-records";
export {
  type QttCase,
  type ReadResult,
  type RecordLine,
  readQttFile,
} from "./conformance/qtt-file";
export { formatOutcome, summaryLine, type Tally, tally } from "./conformance/report";
export {
  type CaseEngine,
  type CaseOutcome,
  type CaseStatus,
  runCase,
} from "./conformance/run-case";
export type { SqlError } from "./errors";
export { type ImportOptions, type ImportResult, importSql, type SourceSummary } from "./import-sql";
export * from "./pull-query";
export { type StatementText, splitStatements } from "./script";
