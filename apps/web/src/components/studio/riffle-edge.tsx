"use client";
// An edge: marked when it has findings, labelled with the live rate of records flowing on it.
import { BaseEdge, EdgeLabelRenderer, type EdgeProps, getBezierPath } from "@xyflow/react";
import { memo } from "react";
import { worst } from "../../lib/analysis";
import type { StudioEdge } from "../../lib/flow";
import { useDocument } from "../../store/document-store";
import { useLive } from "../../store/live-store";

function RiffleEdgeView(props: EdgeProps<StudioEdge>) {
  const severity = useDocument((s) => worst(s.analysis.byEdge.get(props.id)));
  const metrics = useLive((s) => s.metrics[props.source]);
  const [path, labelX, labelY] = getBezierPath(props);
  const stroke =
    severity === "error" ? "var(--error)" : props.selected ? "var(--accent)" : undefined;
  return (
    <>
      <BaseEdge
        id={props.id}
        path={path}
        style={{ stroke, strokeWidth: props.selected ? 2.5 : 1.5 }}
      />
      {metrics && (
        <EdgeLabelRenderer>
          <div
            className="edge-label"
            data-testid={`edge-rate-${props.id}`}
            data-rate={metrics.rate}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {metrics.rate.toFixed(1)}/s · {metrics.recordsOut}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const RiffleEdge = memo(RiffleEdgeView);
