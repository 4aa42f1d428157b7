// Dispatches a document node to the compiler for its kind; errors name the node.
import type { NodeKind } from "@riffle/topology";
import { aggregationCompilers } from "./compile-aggregations";
import { CompileError } from "./compile-error";
import { joinCompilers } from "./compile-joins";
import { sourceCompilers } from "./compile-sources";
import { statelessCompilers } from "./compile-stateless";
import type { Flowing, NodeCompiler, NodeContext } from "./node-context";

const COMPILERS: Record<NodeKind, NodeCompiler<any>> = {
  ...sourceCompilers,
  ...statelessCompilers,
  ...aggregationCompilers,
  ...joinCompilers,
};

export function compileNode(ctx: NodeContext): Record<string, Flowing> {
  const compile = COMPILERS[ctx.node.kind];
  try {
    return compile(ctx);
  } catch (error) {
    if (error instanceof CompileError) throw error;
    throw new CompileError(`node '${ctx.node.id}' (${ctx.node.kind}): ${(error as Error).message}`);
  }
}
