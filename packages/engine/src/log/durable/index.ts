// The durable embedded log (LMDB) and its storage errors.
export { DurableLog, type DurableLogOptions, type DurableTopicConfig } from "./durable-log";
export { LogCorruptError, LogFullError } from "./storage-errors";
