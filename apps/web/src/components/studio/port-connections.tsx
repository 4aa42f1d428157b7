"use client";
// The inspector's connections: every input port of the selected node with what feeds it, a
// button to disconnect each edge and a list of the outputs that may be connected. It makes
// wiring possible from the keyboard (React Flow connects ports by dragging only); it
// offers only connections the canvas would accept.
import { KINDS, type Node, type Topology } from "@riffle/topology";
import { useMemo, useState } from "react";
import { type Endpoint, removeElements } from "../../lib/doc-edit";
import { connectionProblem, type NodePorts } from "../../lib/ports";
import { useDocument } from "../../store/document-store";

export function PortConnections({ node }: { node: Node }) {
  const doc = useDocument((s) => s.doc);
  const ports = useDocument((s) => s.ports);
  const inputs = ports.get(node.id)?.inputs ?? [];
  if (inputs.length === 0) return null;
  return (
    <>
      <h2>Connections</h2>
      {inputs.map((input) => (
        <InputPortRow key={input.name} doc={doc} ports={ports} nodeId={node.id} port={input.name} />
      ))}
    </>
  );
}

function InputPortRow({
  doc,
  ports,
  nodeId,
  port,
}: {
  doc: Topology;
  ports: Map<string, NodePorts>;
  nodeId: string;
  port: string;
}) {
  const to = useMemo(() => ({ node: nodeId, port }), [nodeId, port]);
  const edit = useDocument((s) => s.edit);
  const connect = useDocument((s) => s.connect);
  const feeding = doc.edges.filter((e) => e.to.node === to.node && e.to.port === to.port);
  const candidates = useMemo(() => connectableOutputs(doc, ports, to), [doc, ports, to]);
  const selectId = `${to.node}-connect-${to.port}`;
  // Choosing and connecting are two steps so arrowing through the list connects nothing.
  const [chosen, setChosen] = useState("");
  return (
    <div className="field" data-testid={`connections-${to.port}`}>
      <label htmlFor={selectId}>Input '{to.port}'</label>
      <ul className="connections">
        {feeding.map((e) => (
          <li key={e.id}>
            <span>from {endpointLabel(doc, e.from)}</span>{" "}
            <button
              type="button"
              aria-label={`Disconnect ${endpointLabel(doc, e.from)} from '${to.port}'`}
              onClick={() => edit((d) => removeElements(d, [], [e.id]))}
            >
              Disconnect
            </button>
          </li>
        ))}
      </ul>
      {candidates.length > 0 && (
        <div className="connect-row">
          <select
            id={selectId}
            value={chosen}
            aria-label={`Output to connect to '${to.port}'`}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">Connect from…</option>
            {candidates.map((from, i) => (
              <option key={`${from.node}.${from.port}`} value={i}>
                {endpointLabel(doc, from)}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!candidates[Number(chosen)] || chosen === ""}
            onClick={() => {
              const from = candidates[Number(chosen)];
              if (from) connect(from, to);
              setChosen("");
            }}
          >
            Connect
          </button>
        </div>
      )}
    </div>
  );
}

/** Every output port that may feed `to` by the canvas' own rule (kinds, cycles, taken ports). */
function connectableOutputs(
  doc: Topology,
  ports: Map<string, NodePorts>,
  to: Endpoint,
): Endpoint[] {
  const result: Endpoint[] = [];
  for (const n of doc.nodes) {
    for (const port of Object.keys(ports.get(n.id)?.outputs ?? {})) {
      const from = { node: n.id, port };
      if (connectionProblem(doc, ports, from, to) === null) result.push(from);
    }
  }
  return result;
}

function endpointLabel(doc: Topology, e: Endpoint): string {
  const n = doc.nodes.find((x) => x.id === e.node);
  const name = n?.label ?? (n ? KINDS[n.kind]?.title : undefined) ?? e.node;
  return e.port === "out" ? `${name} (${e.node})` : `${name} (${e.node}) · ${e.port}`;
}
