"use client";
// The designer canvas: React Flow over the store's flow nodes, drop target for the palette,
// refusing invalid connections with the reason.
import type { NodeKind } from "@riffle/topology";
import {
  Background,
  type Connection,
  Controls,
  type Edge,
  MiniMap,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback } from "react";
import { useFitOnLoad } from "../../hooks/use-fit-on-load";
import { connectionProblem } from "../../lib/ports";
import { useDocument } from "../../store/document-store";
import { ConnectionLine } from "./connection-line";
import { PALETTE_MIME } from "./palette";
import { RiffleEdge } from "./riffle-edge";
import { RiffleNode } from "./riffle-node";

const nodeTypes = { riffle: RiffleNode };
const edgeTypes = { riffle: RiffleEdge };

const endpoints = (c: Connection | Edge) => ({
  from: { node: c.source, port: c.sourceHandle ?? "out" },
  to: { node: c.target, port: c.targetHandle ?? "in" },
});

export function Canvas() {
  const nodes = useDocument((s) => s.nodes);
  const edges = useDocument((s) => s.edges);
  const onNodesChange = useDocument((s) => s.onNodesChange);
  const onEdgesChange = useDocument((s) => s.onEdgesChange);
  const empty = useDocument((s) => s.doc.nodes.length === 0);
  const { screenToFlowPosition } = useReactFlow();
  useFitOnLoad();

  const isValidConnection = useCallback((c: Connection | Edge) => {
    const { doc, ports } = useDocument.getState();
    const { from, to } = endpoints(c);
    return connectionProblem(doc, ports, from, to) === null;
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const { from, to } = endpoints(c);
    useDocument.getState().connect(from, to);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_MIME) as NodeKind;
      if (!kind) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      useDocument.getState().addNode(kind, { x: Math.round(at.x), y: Math.round(at.y) });
    },
    [screenToFlowPosition],
  );

  return (
    <div
      className="canvas"
      role="application"
      aria-label="Topology canvas"
      data-testid="canvas"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = "move";
      }}
      onDrop={onDrop}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        connectionLineComponent={ConnectionLine}
        deleteKeyCode={null}
        defaultViewport={{ x: 40, y: 40, zoom: 1 }}
        minZoom={0.1}
        onlyRenderVisibleElements
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <Controls />
      </ReactFlow>
      {empty && (
        <div
          className="empty"
          style={{
            position: "absolute",
            top: "40%",
            left: "20%",
            right: "20%",
            pointerEvents: "none",
          }}
        >
          Drag a source from the palette (or focus it and press Enter) to start. Connect an output
          port (right) to an input port (left).
        </div>
      )}
    </div>
  );
}
