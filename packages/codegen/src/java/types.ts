// Java types and serdes for row schemas: keys and unwrapped values as their Java boxes,
// JSON values as Map<String, Object>; windowed keys as Windowed<K>.
import type { RowSchema, SerdeFormat } from "@riffle/topology";

const BOXES: Record<string, string> = {
  STRING: "String",
  VARCHAR: "String",
  BIGINT: "Long",
  INT: "Integer",
  DOUBLE: "Double",
  BOOLEAN: "Boolean",
  TIMESTAMP: "Long",
  BYTES: "byte[]",
};

const ROW = "Map<String, Object>";

export function javaType(sqlType: string): string {
  const base = sqlType.trim().toUpperCase();
  if (base.startsWith("DECIMAL")) return "BigDecimal";
  if (base.startsWith("ARRAY")) return "List<Object>";
  return BOXES[base] ?? "Object";
}

export function keyType(schema: RowSchema): string {
  const key =
    schema.key.length === 1
      ? javaType(schema.key[0].type)
      : schema.key.length === 0
        ? "String"
        : ROW;
  return schema.windowed ? `Windowed<${key}>` : key;
}

export function valueType(schema: RowSchema): string {
  return schema.valueUnwrapped && schema.value.length === 1 ? javaType(schema.value[0].type) : ROW;
}

const PRIMITIVE_SERDES: Record<string, string> = {
  String: "Serdes.String()",
  Long: "Serdes.Long()",
  Integer: "Serdes.Integer()",
  Double: "Serdes.Double()",
  Boolean: "Serdes.Boolean()",
  "byte[]": "Serdes.ByteArray()",
};

/** Serde for a Java type in a topic format: KAFKA primitives, JSON otherwise (ROWS for maps). */
export function serdeFor(type: string, format: SerdeFormat = "JSON"): string {
  if (type === ROW) return "ROWS";
  if (format === "KAFKA" && PRIMITIVE_SERDES[type]) return PRIMITIVE_SERDES[type];
  return `new JsonSerde<>(${type.replace(/<.*>/, "")}.class)`;
}

/** The unwindowed key type, for serdes of windowed keys. */
export function plainKeyType(schema: RowSchema): string {
  return keyType({ ...schema, windowed: undefined });
}
