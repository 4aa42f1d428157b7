"use client";
// A node on the canvas: title, config summary, typed ports and its findings. Reads its document
// node from the store, so editing one node re-renders only that node.
import { KINDS, type PortKind } from "@riffle/topology";
import { Handle, type NodeProps, Position, useUpdateNodeInternals } from "@xyflow/react";
import { memo, useEffect } from "react";
import { worst } from "../../lib/analysis";
import type { StudioNode } from "../../lib/flow";
import { nodeSummary } from "../../lib/summary";
import { useDeployment } from "../../store/deployment-store";
import { useDocument } from "../../store/document-store";

function PortHandle(props: {
  type: "source" | "target";
  id: string;
  kind: string;
  index: number;
  count: number;
}) {
  const top = `${((props.index + 1) / (props.count + 1)) * 100}%`;
  // Labels sit outside the node, next to their port, so they never cover the summary.
  const side =
    props.type === "target" ? { right: "calc(100% + 8px)" } : { left: "calc(100% + 8px)" };
  return (
    <>
      <Handle
        type={props.type}
        position={props.type === "target" ? Position.Left : Position.Right}
        id={props.id}
        className={`port-${props.kind}`}
        style={{ top }}
        title={`${props.id}: ${props.kind}`}
        data-port-kind={props.kind}
      />
      {props.count > 1 || props.id !== (props.type === "target" ? "in" : "out") ? (
        <span className="port-label" style={{ top: `calc(${top} - 7px)`, ...side }}>
          {props.id}
        </span>
      ) : null}
    </>
  );
}

function RiffleNodeView({ id, selected }: NodeProps<StudioNode>) {
  const node = useDocument((s) => s.index.get(id));
  const ports = useDocument((s) => s.ports.get(id));
  const designFindings = useDocument((s) => s.analysis.byNode.get(id));
  // What the worker refused at deploy (checked against the cluster) shows on the node too.
  const deployFindings = useDeployment((s) => s.findingsByNode.get(id));
  const findings = deployFindings ? [...deployFindings, ...(designFindings ?? [])] : designFindings;
  const updateInternals = useUpdateNodeInternals();
  const signature = ports
    ? `${ports.inputs.map((p) => p.name).join()}|${Object.keys(ports.outputs).join()}`
    : "";

  // Handles change with the config (branches, cogroup inputs): React Flow must re-measure them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: signature is the trigger
  useEffect(() => updateInternals(id), [id, signature, updateInternals]);

  if (!node) return null;
  const description = KINDS[node.kind];
  const severity = worst(findings);
  const inputs = ports?.inputs ?? [];
  const outputs = Object.entries(ports?.outputs ?? {});
  return (
    <div
      className={`rnode ${selected ? "selected" : ""} ${severity ?? ""}`}
      data-testid={`node-${id}`}
      data-kind={node.kind}
      data-severity={severity ?? "ok"}
      title={description?.doc}
      style={{ minHeight: 24 + 16 * Math.max(inputs.length, outputs.length) }}
    >
      {inputs.map((p, i) => (
        <PortHandle
          key={p.name}
          type="target"
          id={p.name}
          kind={p.accepts.join(" ")}
          index={i}
          count={inputs.length}
        />
      ))}
      <div className="rnode-title">{node.label ?? description?.title ?? node.kind}</div>
      <div className="rnode-kind">
        {id} · {outputs.map(([, k]) => k as PortKind).join(", ") || "sink"}
      </div>
      <div className="rnode-summary">{nodeSummary(node)}</div>
      {findings?.slice(0, 2).map((f) => (
        <div
          key={`${f.code}:${f.message}`}
          className={`rnode-finding ${f.severity}`}
          data-testid="node-finding"
        >
          {f.message}
        </div>
      ))}
      {outputs.map(([name, kind], i) => (
        <PortHandle
          key={name}
          type="source"
          id={name}
          kind={kind}
          index={i}
          count={outputs.length}
        />
      ))}
    </div>
  );
}

export const RiffleNode = memo(RiffleNodeView);
