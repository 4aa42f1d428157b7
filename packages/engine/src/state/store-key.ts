// Stores index JS Maps by string. Strings are used as they are (the hot path: Kafka string
// keys); every other key is JSON behind a \u0001 marker, so "1" and 1 stay distinct.

export function storeKey(key: unknown): string {
  return typeof key === "string" ? key : `\u0001${JSON.stringify(key)}`;
}
