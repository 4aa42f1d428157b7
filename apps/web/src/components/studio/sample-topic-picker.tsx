"use client";
// For source nodes: read a sample generator's topic; declares the topic (partitions, columns)
// in the document and points the source at it in one undoable edit.
import type { Node } from "@riffle/topology";
import { useEffect } from "react";
import { updateNode, upsertTopic } from "../../lib/doc-edit";
import { useDocument } from "../../store/document-store";
import { useSamples } from "../../store/samples-store";

export function SampleTopicPicker({ node }: { node: Node }) {
  const samples = useSamples((s) => s.samples);
  const load = useSamples((s) => s.load);
  const edit = useDocument((s) => s.edit);
  useEffect(() => {
    if (samples.length === 0) load();
  }, [samples.length, load]);
  if (samples.length === 0) return null;
  const id = `${node.id}-sample-topic`;
  return (
    <div className="field">
      <label htmlFor={id}>Read a sample topic</label>
      <select
        id={id}
        value=""
        onChange={(e) => {
          const sample = samples.find((s) => s.name === e.target.value);
          if (!sample) return;
          edit((d) =>
            updateNode(upsertTopic(d, sample.topic), node.id, {
              config: { ...(node.config as object), topic: sample.topic.name },
            } as Partial<Node>),
          );
        }}
      >
        <option value="">choose…</option>
        {samples.map((s) => (
          <option key={s.name} value={s.name}>
            {s.topic.name} ({s.topic.partitions} partitions) — {s.description}
          </option>
        ))}
      </select>
    </div>
  );
}
