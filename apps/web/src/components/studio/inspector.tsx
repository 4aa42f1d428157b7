"use client";
// The inspector: the selected node's label and config as form controls rendered from its zod
// schema, its findings with one-click fixes; with nothing selected, the topology's settings.
import { KINDS, type Node } from "@riffle/topology";
import { configSchema } from "../../lib/config-schema";
import { updateNode } from "../../lib/doc-edit";
import { upstreamScope } from "../../lib/input-columns";
import { useDocument } from "../../store/document-store";
import { SchemaField } from "../fields/schema-field";
import { FindingItem } from "./finding-item";
import { PortConnections } from "./port-connections";
import { SampleTopicPicker } from "./sample-topic-picker";

export function Inspector() {
  const selectedId = useDocument((s) => s.selectedId);
  const node = useDocument((s) => (selectedId ? s.index.get(selectedId) : undefined));
  return node ? <NodeInspector node={node} /> : <TopologySettings />;
}

function NodeInspector({ node }: { node: Node }) {
  const doc = useDocument((s) => s.doc);
  const findings = useDocument((s) => s.analysis.byNode.get(node.id));
  const scopes = useDocument((s) => s.analysis.analysis.nodes[node.id]?.scopes);
  const edit = useDocument((s) => s.edit);
  const description = KINDS[node.kind];
  const schema = configSchema(node.kind);
  const ctx = {
    // The scope validation used for this field; before it can know one, the upstream topics.
    scopeFor: (field: string) => scopes?.[field] ?? upstreamScope(doc, node.id),
    suggestions: { topic: doc.topics.map((t) => t.name) },
    idPrefix: node.id,
  };
  return (
    <section className="section" aria-label="Inspector" data-testid="inspector">
      <h2>
        {description.title} <span className="muted">({node.id})</span>
      </h2>
      <p className="muted" style={{ marginTop: 0 }}>
        {description.doc} <code>{description.dsl}</code>
      </p>
      <div className="field">
        <label htmlFor={`${node.id}-label`}>Label</label>
        <input
          id={`${node.id}-label`}
          value={node.label ?? ""}
          placeholder={description.title}
          onChange={(e) =>
            edit((d) => updateNode(d, node.id, { label: e.target.value || undefined }))
          }
        />
      </div>
      {description.group === "Sources" && <SampleTopicPicker node={node} />}
      <SchemaField
        name="config"
        schema={schema}
        value={node.config}
        required
        ctx={ctx}
        onChange={(config) => edit((d) => updateNode(d, node.id, { config } as Partial<Node>))}
      />
      <PortConnections node={node} />
      {findings && findings.length > 0 && (
        <>
          <h2>Findings</h2>
          <ul className="problems">
            {findings.map((f) => (
              <FindingItem key={`${f.code}:${f.message}`} finding={f} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function TopologySettings() {
  const doc = useDocument((s) => s.doc);
  const edit = useDocument((s) => s.edit);
  return (
    <section className="section" aria-label="Topology settings">
      <h2>Topology</h2>
      <p className="muted">
        Select a node to edit it. Shortcuts: Ctrl+Z / Ctrl+Shift+Z undo/redo, Ctrl+C / Ctrl+V
        copy/paste, Delete removes, Ctrl+S saves, L lays out, F fits the view.
      </p>
      <div className="field">
        <label htmlFor="topology-app-id">Application id</label>
        <input
          id="topology-app-id"
          value={doc.applicationId ?? ""}
          placeholder="riffle-app"
          onChange={(e) => edit((d) => ({ ...d, applicationId: e.target.value || undefined }))}
        />
      </div>
      <div className="field">
        <label htmlFor="topology-description">Description</label>
        <textarea
          id="topology-description"
          rows={3}
          value={doc.description ?? ""}
          onChange={(e) => edit((d) => ({ ...d, description: e.target.value || undefined }))}
        />
      </div>
    </section>
  );
}
