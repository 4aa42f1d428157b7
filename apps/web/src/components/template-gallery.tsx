"use client";
// "New from template": every template with its use case, the sample data it runs on and a
// preview of its graph; choosing one creates a topology from it and opens the studio.
import { TEMPLATES, type Template } from "@riffle/templates";
import { KINDS, type Topology } from "@riffle/topology";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { ApiError, api } from "../lib/api";
import { layoutPositions } from "../lib/layout";
import { notify } from "../store/notice-store";

const NODE = { width: 120, height: 28 };

/** The template's graph, laid out as the canvas lays it out, drawn small. */
function GraphPreview({ document }: { document: Topology }) {
  const positions = useMemo(
    () => layoutPositions(document, new Map(document.nodes.map((n) => [n.id, NODE]))),
    [document],
  );
  const xs = Object.values(positions);
  const width = Math.max(...xs.map((p) => p.x)) + NODE.width + 20;
  const height = Math.max(...xs.map((p) => p.y)) + NODE.height + 20;
  const centre = (id: string) => ({
    x: positions[id].x + NODE.width / 2,
    y: positions[id].y + NODE.height / 2,
  });
  return (
    <svg
      className="template-preview"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Graph of ${document.name}: ${document.nodes.map((n) => n.id).join(", ")}`}
    >
      {document.edges.map((e) => {
        const a = centre(e.from.node);
        const b = centre(e.to.node);
        return <line key={e.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} />;
      })}
      {document.nodes.map((n) => (
        <g key={n.id} transform={`translate(${positions[n.id].x} ${positions[n.id].y})`}>
          <rect width={NODE.width} height={NODE.height} rx={5} data-group={KINDS[n.kind].group} />
          <text x={NODE.width / 2} y={NODE.height / 2 + 4} textAnchor="middle">
            {KINDS[n.kind].title}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function TemplateGallery() {
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);

  const use = async (template: Template) => {
    setBusy(template.name);
    try {
      const created = await api.createTopology(template.title, template.document);
      router.push(`/topologies/${created.id}`);
    } catch (e) {
      notify("error", e instanceof ApiError ? e.message : String(e));
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="templates-heading" className="templates">
      <h2 id="templates-heading">Start from a template</h2>
      <ul className="template-grid">
        {TEMPLATES.map((t) => (
          <li key={t.name} className="template-card" data-testid={`template-${t.name}`}>
            <GraphPreview document={t.document} />
            <h3>{t.title}</h3>
            <p>{t.description}</p>
            <p className="muted">Sample data: {t.samples.join(", ")}</p>
            <button
              type="button"
              className="primary"
              disabled={busy !== null}
              onClick={() => use(t)}
            >
              {busy === t.name ? "Creating…" : "Use this template"}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
