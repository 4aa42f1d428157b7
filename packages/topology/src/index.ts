// Public surface of @riffle/topology: the document format, node kind descriptions,
// validation, and describe().
export * from "./document";
export * from "./kinds";
