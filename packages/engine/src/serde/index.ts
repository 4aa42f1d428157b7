// Serdes: how keys and values cross the log boundary.
export * from "./bytes-serde";
export * from "./delimited-serde";
export * from "./json-serde";
export * from "./number-serdes";
export * from "./serde";
export * from "./string-serde";
