// The inspector's view of a node kind's config: the zod schema from @riffle/topology turned
// into JSON Schema once per kind, plus defaults for a freshly dropped node. No second list.
import { Expression, NodeConfigs, type NodeKind } from "@riffle/topology";
import { z } from "zod";

export interface FieldSchema {
  type?: string;
  const?: unknown;
  enum?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  minItems?: number;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  oneOf?: FieldSchema[];
}

const cache = new Map<NodeKind, FieldSchema>();

/** The JSON Schema (input side: defaults are optional) of one kind's config. */
export function configSchema(kind: NodeKind): FieldSchema {
  let schema = cache.get(kind);
  if (!schema) {
    schema = z.toJSONSchema(NodeConfigs[kind], {
      io: "input",
      unrepresentable: "any",
    }) as FieldSchema;
    cache.set(kind, schema);
  }
  return schema;
}

/** True for a field holding a ksqlDB expression (edited with Monaco). */
export function isExpression(field: FieldSchema): boolean {
  return field.type === "string" && field.description === Expression.description;
}

/** The discriminator of a oneOf: the property every variant pins with `const`. */
export function discriminator(field: FieldSchema): string | undefined {
  const first = field.oneOf?.[0]?.properties ?? {};
  return Object.keys(first).find((name) =>
    field.oneOf!.every((v) => v.properties?.[name]?.const !== undefined),
  );
}

/** The oneOf variant a value currently matches (by discriminator), else the first. */
export function variantOf(field: FieldSchema, value: unknown): FieldSchema {
  const key = discriminator(field);
  const tag = key && value && typeof value === "object" ? (value as any)[key] : undefined;
  return field.oneOf!.find((v) => key && v.properties?.[key]?.const === tag) ?? field.oneOf![0];
}

/** A value for a required field with no default: the smallest the schema accepts. */
export function initialValue(field: FieldSchema): unknown {
  if (field.default !== undefined) return structuredClone(field.default);
  if (field.const !== undefined) return field.const;
  if (field.oneOf) return initialValue(field.oneOf[0]);
  if (field.enum) return field.enum[0];
  switch (field.type) {
    case "object":
      return initialObject(field);
    case "array":
      return Array.from({ length: field.minItems ?? 0 }, () => initialValue(field.items ?? {}));
    case "integer":
    case "number":
      return Math.max(field.minimum ?? 0, 0);
    case "boolean":
      return false;
    default:
      return "";
  }
}

function initialObject(field: FieldSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries(field.properties ?? {})) {
    if (field.required?.includes(name) || prop.default !== undefined)
      out[name] = initialValue(prop);
  }
  return out;
}

/** Config of a node just dropped from the palette. Empty expressions are flagged by validation. */
export function defaultConfig(kind: NodeKind): Record<string, unknown> {
  return initialValue(configSchema(kind)) as Record<string, unknown>;
}
