// Windows of a flow's windowed key: the nearest windowed-by (or windowed cogroup) upstream,
// or a source topic with windowed keys. Windowed key serdes need its size.
import type { Finding } from "./finding";
import type { Node, NodeOf } from "./graph";
import type { CodegenModel } from "./model";

type SourceNode = NodeOf<"stream-source" | "table-source" | "global-table-source">;

/** Size of the time windows of a flow's windowed key: from the nearest window upstream, or
 *  the WINDOW_SIZE of the windowed source topic it comes from; undefined for sessions. */
export function timeWindowSize(model: CodegenModel, node: Node): number | undefined {
  let current: Node | undefined = node;
  while (current) {
    const window = windowOf(model, current);
    if (window !== null) return window;
    current = model.graph.inputs(current)[0]?.node;
  }
  return undefined;
}

/** The time window size `node` introduces, undefined for a session, null when it has none. */
function windowOf(model: CodegenModel, node: Node): number | undefined | null {
  if (node.kind === "windowed-by" || (node.kind === "cogroup" && node.config.window)) {
    const w = node.config.window!;
    return w.type === "session" ? undefined : w.type === "sliding" ? w.timeDifferenceMs : w.sizeMs;
  }
  if (node.kind === "stream-source" || node.kind === "table-source") {
    const keys = model.topology.topics.find((t) => t.name === node.config.topic)?.windowed;
    if (keys) return keys.type === "time" ? keys.sizeMs : undefined;
  }
  return null;
}

/** A windowed-by that emits each window once, when it closes (ksqlDB's EMIT FINAL). */
export function onWindowClose(node: NodeOf<"windowed-by">): boolean {
  return node.config.emitStrategy === "on-window-close";
}

/** TypeScript sources read a windowed topic's inner key only: a warning says so. */
export function windowedSourceFinding(model: CodegenModel, node: SourceNode): Finding | undefined {
  const topic = model.topology.topics.find((t) => t.name === node.config.topic);
  if (!topic?.windowed) return undefined;
  return {
    code: "unsupported-window",
    severity: "warning",
    nodeId: node.id,
    message: `topic '${topic.name}' has ${topic.windowed.type}-windowed keys (WINDOW_TYPE); the generated source reads the key without its window, so WINDOWSTART/WINDOWEND are not available`,
  };
}
