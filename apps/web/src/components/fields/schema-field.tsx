"use client";
import type { Scope } from "@riffle/expr";
// Renders one config field from its JSON Schema: text, number, checkbox, select, expression
// (Monaco), object, list, and tagged unions (window type, timestamp kind, suppress mode).
import {
  discriminator,
  type FieldSchema,
  initialValue,
  isExpression,
  variantOf,
} from "../../lib/config-schema";
import { ExpressionField } from "./expression-field";

export interface FieldContext {
  /** The scope expressions of a top-level config field are checked with. */
  scopeFor: (field: string) => Scope | null;
  /** The top-level config field being rendered (set below the root). */
  field?: string;
  /** Suggestions for plain string fields by name, e.g. declared topics for `topic`. */
  suggestions: Record<string, string[]>;
  /** Prefix for element ids and test ids, unique per node. */
  idPrefix: string;
}

interface Props {
  name: string;
  schema: FieldSchema;
  value: unknown;
  required: boolean;
  onChange: (value: unknown) => void;
  ctx: FieldContext;
}

const humanize = (name: string) =>
  name
    .replace(/Ms$/, " (ms)")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/^./, (c) => c.toUpperCase());

export function SchemaField(props: Props) {
  const { schema, name, ctx } = props;
  const id = `${ctx.idPrefix}-${name}`;
  if (schema.oneOf) return <UnionField {...props} />;
  if (schema.type === "object") return <ObjectField {...props} />;
  if (schema.type === "array") return <ArrayField {...props} />;
  const label = (
    <label htmlFor={id}>
      {humanize(name)}
      {props.required ? "" : " (optional)"}
    </label>
  );
  if (isExpression(schema))
    return (
      <div className="field">
        <span className="label">
          {humanize(name)}
          {props.required ? "" : " (optional)"}
        </span>
        <ExpressionField
          value={typeof props.value === "string" ? props.value : ""}
          onChange={(v) => props.onChange(v === "" && !props.required ? undefined : v)}
          scope={ctx.scopeFor(ctx.field ?? name)}
          label={`${humanize(name)} expression`}
          required={props.required}
          testId={`expr-${name}`}
        />
      </div>
    );
  if (schema.enum)
    return (
      <div className="field">
        {label}
        <select
          id={id}
          value={String(props.value ?? "")}
          onChange={(e) => props.onChange(e.target.value)}
        >
          {!props.required && <option value="">(none)</option>}
          {schema.enum.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
      </div>
    );
  if (schema.type === "boolean")
    return (
      <div className="field row">
        <input
          id={id}
          type="checkbox"
          checked={Boolean(props.value)}
          onChange={(e) => props.onChange(e.target.checked)}
        />
        {label}
      </div>
    );
  if (schema.type === "integer" || schema.type === "number")
    return (
      <div className="field">
        {label}
        <input
          id={id}
          type="number"
          min={schema.minimum}
          value={props.value === undefined ? "" : String(props.value)}
          onChange={(e) =>
            props.onChange(e.target.value === "" ? undefined : Number(e.target.value))
          }
        />
      </div>
    );
  const listId = ctx.suggestions[name] ? `${id}-options` : undefined;
  return (
    <div className="field">
      {label}
      <input
        id={id}
        list={listId}
        value={String(props.value ?? "")}
        onChange={(e) =>
          props.onChange(e.target.value === "" && !props.required ? undefined : e.target.value)
        }
      />
      {listId && (
        <datalist id={listId}>
          {ctx.suggestions[name].map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </div>
  );
}

function ObjectField({ schema, value, onChange, ctx, name }: Props) {
  const object = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, prop]) =>
        prop.const !== undefined ? null : (
          <SchemaField
            key={key}
            name={key}
            schema={prop}
            value={object[key]}
            required={schema.required?.includes(key) ?? false}
            ctx={{ ...ctx, idPrefix: `${ctx.idPrefix}-${name}`, field: ctx.field ?? key }}
            onChange={(v) => {
              const next = { ...object };
              if (v === undefined) delete next[key];
              else next[key] = v;
              onChange(next);
            }}
          />
        ),
      )}
    </>
  );
}

function UnionField(props: Props) {
  const { schema, value, onChange, name, ctx } = props;
  const tag = discriminator(schema);
  const current = variantOf(schema, value);
  const id = `${ctx.idPrefix}-${name}-${tag}`;
  return (
    <fieldset>
      <legend>{humanize(name)}</legend>
      {tag && (
        <div className="field">
          <label htmlFor={id}>{humanize(tag)}</label>
          <select
            id={id}
            value={String(current.properties?.[tag]?.const)}
            onChange={(e) => {
              const variant = schema.oneOf!.find(
                (v) => v.properties?.[tag]?.const === e.target.value,
              )!;
              onChange(initialValue(variant));
            }}
          >
            {schema.oneOf!.map((v) => {
              const c = String(v.properties?.[tag]?.const);
              return (
                <option key={c} value={c}>
                  {c}
                </option>
              );
            })}
          </select>
        </div>
      )}
      <ObjectField {...props} schema={current} />
    </fieldset>
  );
}

function ArrayField({ schema, value, onChange, name, ctx, required }: Props) {
  const items = Array.isArray(value) ? value : [];
  const itemSchema = schema.items ?? {};
  const set = (next: unknown[]) => onChange(next.length === 0 && !required ? undefined : next);
  return (
    <fieldset>
      <legend>{humanize(name)}</legend>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but position
        <div key={i} className="row" style={{ alignItems: "flex-start" }}>
          <div className="grow">
            <SchemaField
              name={`${singular(name)} ${i + 1}`}
              schema={itemSchema}
              value={item}
              required
              ctx={{ ...ctx, idPrefix: `${ctx.idPrefix}-${name}-${i}` }}
              onChange={(v) => set(items.map((x, j) => (j === i ? v : x)))}
            />
          </div>
          <button
            type="button"
            aria-label={`Remove ${singular(name)} ${i + 1}`}
            disabled={items.length <= (schema.minItems ?? 0)}
            onClick={() => set(items.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => set([...items, initialValue(itemSchema)])}>
        Add {singular(name)}
      </button>
    </fieldset>
  );
}

const singular = (name: string) => name.replace(/ies$/, "y").replace(/s$/, "");
