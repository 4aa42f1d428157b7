"use client";
// Declared topics: name, partitions, formats, key and value columns. Sources and sinks refer
// to these by name; partition counts drive co-partitioning checks.
import { type Column, SerdeFormat, type Topic } from "@riffle/topology";
import { useState } from "react";
import { removeTopic, upsertTopic } from "../../lib/doc-edit";
import { useDocument } from "../../store/document-store";

function ColumnsEditor(props: {
  label: string;
  columns: Column[];
  onChange: (c: Column[]) => void;
}) {
  return (
    <fieldset>
      <legend>{props.label}</legend>
      {props.columns.map((c, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
        <div className="row" key={i} style={{ marginBottom: 4 }}>
          <input
            aria-label={`${props.label} column ${i + 1} name`}
            value={c.name}
            className="grow"
            onChange={(e) =>
              props.onChange(
                props.columns.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
              )
            }
          />
          <input
            aria-label={`${props.label} column ${i + 1} type`}
            value={c.type}
            className="grow"
            onChange={(e) =>
              props.onChange(
                props.columns.map((x, j) => (j === i ? { ...x, type: e.target.value } : x)),
              )
            }
          />
          <button
            type="button"
            aria-label={`Remove ${props.label} column ${i + 1}`}
            onClick={() => props.onChange(props.columns.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => props.onChange([...props.columns, { name: "", type: "STRING" }])}
      >
        Add column
      </button>
    </fieldset>
  );
}

function TopicEditor({ topic, index }: { topic: Topic; index: number }) {
  const id = `topic-${index}`;
  const edit = useDocument((s) => s.edit);
  const update = (patch: Partial<Topic>) =>
    edit((d) => upsertTopic(d, { ...topic, ...patch }, topic.name));
  return (
    <details className="section" data-testid={`topic-${topic.name}`}>
      <summary>
        <strong>{topic.name}</strong> <span className="muted">{topic.partitions} partitions</span>
      </summary>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={topic.name}
          onChange={(e) => update({ name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-partitions`}>Partitions</label>
        <input
          id={`${id}-partitions`}
          type="number"
          min={1}
          value={topic.partitions}
          onChange={(e) => update({ partitions: Math.max(1, Number(e.target.value) || 1) })}
        />
      </div>
      <div className="row">
        {(["keyFormat", "valueFormat"] as const).map((f) => (
          <div className="field grow" key={f}>
            <label htmlFor={`${id}-${f}`}>
              {f === "keyFormat" ? "Key format" : "Value format"}
            </label>
            <select
              id={`${id}-${f}`}
              value={topic[f]}
              onChange={(e) => update({ [f]: e.target.value })}
            >
              {SerdeFormat.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </div>
        ))}
      </div>
      <ColumnsEditor label="Key" columns={topic.key} onChange={(key) => update({ key })} />
      <ColumnsEditor label="Value" columns={topic.value} onChange={(value) => update({ value })} />
      <button
        type="button"
        className="danger"
        onClick={() => edit((d) => removeTopic(d, topic.name))}
      >
        Remove topic
      </button>
    </details>
  );
}

export function TopicsPanel() {
  const topics = useDocument((s) => s.doc.topics);
  const edit = useDocument((s) => s.edit);
  const [name, setName] = useState("");
  const add = () => {
    const topicName = name.trim();
    if (!topicName || topics.some((t) => t.name === topicName)) return;
    edit((d) =>
      upsertTopic(d, {
        name: topicName,
        partitions: 1,
        keyFormat: "KAFKA",
        valueFormat: "JSON",
        key: [],
        value: [],
        valueUnwrapped: false,
      }),
    );
    setName("");
  };
  return (
    <section aria-label="Topics">
      {topics.length === 0 && (
        <p className="section muted">
          No topics declared. Sources and sinks name a topic declared here.
        </p>
      )}
      {topics.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: renaming a topic must not remount its editor
        <TopicEditor key={i} topic={t} index={i} />
      ))}
      <form
        className="section row"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          aria-label="New topic name"
          placeholder="topic name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="grow"
        />
        <button type="submit">Add topic</button>
      </form>
    </section>
  );
}
