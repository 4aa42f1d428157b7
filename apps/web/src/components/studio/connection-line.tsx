"use client";
// The line drawn while connecting: red with the reason when the target port would refuse it.
import { type ConnectionLineComponentProps, getBezierPath } from "@xyflow/react";
import { connectionProblem } from "../../lib/ports";
import { useDocument } from "../../store/document-store";

export function ConnectionLine(props: ConnectionLineComponentProps) {
  const doc = useDocument((s) => s.doc);
  const ports = useDocument((s) => s.ports);
  const [path] = getBezierPath({
    sourceX: props.fromX,
    sourceY: props.fromY,
    sourcePosition: props.fromPosition,
    targetX: props.toX,
    targetY: props.toY,
    targetPosition: props.toPosition,
  });
  let problem: string | null = null;
  if (props.toNode && props.toHandle) {
    const a = { node: props.fromNode.id, port: props.fromHandle.id ?? "out" };
    const b = { node: props.toNode.id, port: props.toHandle.id ?? "in" };
    // Dragging may start on an input port: the edge still runs output -> input.
    problem =
      props.fromHandle.type === "target"
        ? connectionProblem(doc, ports, b, a)
        : connectionProblem(doc, ports, a, b);
  }
  return (
    <g>
      <path
        d={path}
        fill="none"
        stroke={problem ? "var(--error)" : "var(--accent)"}
        strokeWidth={2}
      />
      {problem && (
        <text
          x={props.toX + 12}
          y={props.toY - 12}
          className="connection-hint"
          data-testid="connection-hint"
        >
          {problem}
        </text>
      )}
    </g>
  );
}
