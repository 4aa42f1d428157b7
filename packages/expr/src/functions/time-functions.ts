// Catalogue entries of the date-time functions (runtime in ../runtime/time): patterns are Java
// DateTimeFormatter patterns, zones default to UTC.
import { BIGINT, STRING, TIMESTAMP } from "../types";
import { defineFunction, type FunctionDef } from "./define";

const ZONE_DOC = "zone is an IANA name ('Europe/Paris') or an offset ('+02:00'), default UTC";

export const TIME_FUNCTIONS: FunctionDef[] = [
  defineFunction({
    name: "TIMESTAMPTOSTRING",
    category: "date-time",
    signature: "TIMESTAMPTOSTRING(millis BIGINT, pattern STRING [, zone STRING]) -> STRING",
    doc: `Formats epoch milliseconds with a Java DateTimeFormatter pattern; ${ZONE_DOC}.`,
    example: "TIMESTAMPTOSTRING(0, 'yyyy-MM-dd HH:mm:ss') => '1970-01-01 00:00:00'",
    params: [BIGINT, STRING, STRING],
    required: 2,
    returns: STRING,
    helper: "timestampToString",
  }),
  defineFunction({
    name: "STRINGTOTIMESTAMP",
    category: "date-time",
    signature: "STRINGTOTIMESTAMP(text STRING, pattern STRING [, zone STRING]) -> BIGINT",
    doc: `Parses text with a Java DateTimeFormatter pattern to epoch milliseconds (null if it does not match); ${ZONE_DOC}.`,
    example: "STRINGTOTIMESTAMP('1970-01-01 00:00:01', 'yyyy-MM-dd HH:mm:ss') => 1000",
    params: [STRING, STRING, STRING],
    required: 2,
    returns: BIGINT,
    helper: "stringToTimestamp",
  }),
  defineFunction({
    name: "FORMAT_TIMESTAMP",
    category: "date-time",
    signature: "FORMAT_TIMESTAMP(ts TIMESTAMP, pattern STRING [, zone STRING]) -> STRING",
    doc: `Formats a TIMESTAMP with a Java DateTimeFormatter pattern; ${ZONE_DOC}.`,
    example:
      "FORMAT_TIMESTAMP(PARSE_TIMESTAMP('2024-05-01 12:30', 'yyyy-MM-dd HH:mm'), 'yyyy-MM-dd''T''HH:mm', '+02:00') => '2024-05-01T14:30'",
    params: [TIMESTAMP, STRING, STRING],
    required: 2,
    returns: STRING,
    helper: "timestampToString",
  }),
  defineFunction({
    name: "PARSE_TIMESTAMP",
    category: "date-time",
    signature: "PARSE_TIMESTAMP(text STRING, pattern STRING [, zone STRING]) -> TIMESTAMP",
    doc: `Parses text with a Java DateTimeFormatter pattern to a TIMESTAMP (null if it does not match); ${ZONE_DOC}.`,
    example:
      "PARSE_TIMESTAMP('2024-05-01 12:30', 'yyyy-MM-dd HH:mm', 'Europe/Paris') => 1714559400000",
    params: [STRING, STRING, STRING],
    required: 2,
    returns: TIMESTAMP,
    helper: "stringToTimestamp",
  }),
  defineFunction({
    name: "UNIX_TIMESTAMP",
    category: "date-time",
    signature: "UNIX_TIMESTAMP([ts TIMESTAMP]) -> BIGINT",
    doc: "Epoch milliseconds of ts, or of now without an argument (evaluated per record, never folded).",
    example: "UNIX_TIMESTAMP(PARSE_TIMESTAMP('1970-01-01', 'yyyy-MM-dd')) => 0",
    params: [TIMESTAMP],
    required: 0,
    returns: BIGINT,
    helper: "unixTimestamp",
    deterministic: false,
  }),
  defineFunction({
    name: "FROM_UNIXTIME",
    category: "date-time",
    signature: "FROM_UNIXTIME(millis BIGINT) -> TIMESTAMP",
    doc: "The TIMESTAMP of epoch milliseconds.",
    example: "FORMAT_TIMESTAMP(FROM_UNIXTIME(86400000), 'yyyy-MM-dd') => '1970-01-02'",
    params: [BIGINT],
    returns: TIMESTAMP,
    helper: "fromUnixtime",
  }),
];
