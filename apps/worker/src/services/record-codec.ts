// How the worker turns API values into log bytes and back. Values are JSON; string keys are
// written as plain UTF-8, which is what a KAFKA-format STRING key column (the default) reads,
// other keys as JSON. Reading accepts both, so peeks and live output show sink records whatever
// JSON-or-string serde wrote them.
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export function encodeKey(key: unknown): Uint8Array | null {
  if (key === null || key === undefined) return null;
  return encoder.encode(typeof key === "string" ? key : JSON.stringify(key));
}

export function encodeValue(value: unknown): Uint8Array | null {
  return value === null || value === undefined ? null : encoder.encode(JSON.stringify(value));
}

/** JSON when the bytes are JSON, else the UTF-8 text, else base64 (binary serdes). */
export function decode(bytes: Uint8Array | null): unknown {
  if (bytes === null) return null;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { base64: Buffer.from(bytes).toString("base64") };
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
