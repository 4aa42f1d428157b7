// The window that made a flow's key windowed: the nearest windowed-by (or windowed
// cogroup) upstream. Windowed key serdes need its size; EMIT FINAL is set on it.
import type { Window } from "@riffle/topology";
import type { Node, NodeOf } from "./graph";
import type { CodegenModel } from "./model";

export function upstreamWindow(model: CodegenModel, node: Node): Window | undefined {
  let current: Node | undefined = node;
  while (current) {
    if (current.kind === "windowed-by") return current.config.window;
    if (current.kind === "cogroup") return current.config.window;
    current = model.graph.inputs(current)[0]?.node;
  }
  return undefined;
}

/** A windowed-by that emits each window once, when it closes (ksqlDB's EMIT FINAL). */
export function onWindowClose(node: NodeOf<"windowed-by">): boolean {
  return node.config.emitStrategy === "on-window-close";
}
