// The window that made a flow's key windowed: the nearest windowed-by (or windowed
// cogroup) upstream. Windowed key serdes need its size.
import type { Window } from "@riffle/topology";
import type { Node } from "./graph";
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
