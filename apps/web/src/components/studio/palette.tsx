"use client";
// The palette, grouped Sources / Stateless / Stateful / Windows / Joins / Sinks, straight from
// kinds.ts. Drag an item onto the canvas, or press Enter on it to add it at the centre.
import { KINDS, NODE_KINDS, type NodeKind, PALETTE_GROUPS } from "@riffle/topology";
import { useReactFlow } from "@xyflow/react";
import { useDocument } from "../../store/document-store";

export const PALETTE_MIME = "application/riffle-kind";

export function Palette() {
  const { screenToFlowPosition } = useReactFlow();

  const addAtCentre = (kind: NodeKind) => {
    const canvas = document.querySelector(".canvas")?.getBoundingClientRect();
    const at = canvas
      ? screenToFlowPosition({ x: canvas.x + canvas.width / 2, y: canvas.y + canvas.height / 2 })
      : { x: 0, y: 0 };
    useDocument.getState().addNode(kind, { x: Math.round(at.x), y: Math.round(at.y) });
  };

  return (
    <nav className="palette" aria-label="Node palette">
      {PALETTE_GROUPS.map((group) => (
        <section key={group} aria-label={group}>
          <h2>{group}</h2>
          {NODE_KINDS.filter((k) => KINDS[k].group === group).map((kind) => (
            <button
              type="button"
              key={kind}
              className="palette-item"
              draggable
              data-testid={`palette-${kind}`}
              title={`${KINDS[kind].doc}\n${KINDS[kind].dsl}`}
              onDragStart={(e) => {
                e.dataTransfer.setData(PALETTE_MIME, kind);
                e.dataTransfer.effectAllowed = "move";
              }}
              onClick={() => addAtCentre(kind)}
            >
              {KINDS[kind].title}
            </button>
          ))}
        </section>
      ))}
    </nav>
  );
}
