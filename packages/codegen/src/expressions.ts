// Expressions printed through @riffle/expr into the target language, typed with the scope
// validation used. A failure becomes a finding and a placeholder the reader cannot miss.
import { parseExpression, printExpression } from "@riffle/expr";
import type { FindingSink } from "./finding";
import type { Node } from "./graph";
import type { CodegenModel } from "./model";

export type CodeLang = "ts" | "java";

export class ExpressionPrinter {
  constructor(
    private readonly model: CodegenModel,
    private readonly lang: CodeLang,
    private readonly findings: FindingSink,
  ) {}

  /** `text` (a config expression of `node` in field `field`) as target-language code. */
  print(node: Node, field: string, text: string): string {
    const parsed = parseExpression(text);
    const problem = parsed.ok ? undefined : parsed.errors.map((e) => e.message).join("; ");
    if (parsed.ok) {
      try {
        const code = printExpression(parsed.value, this.lang, this.model.scopeOf(node, field));
        // DSL lambdas get key and value only; record metadata has no parameter to come from.
        if (/\bmeta\b/.test(code)) {
          return this.placeholder(
            node,
            text,
            "ROWTIME, ROWPARTITION, ROWOFFSET and WINDOWSTART/END are not visible in DSL lambdas",
          );
        }
        return code;
      } catch (error) {
        return this.placeholder(node, text, (error as Error).message);
      }
    }
    return this.placeholder(node, text, problem ?? "cannot parse");
  }

  private placeholder(node: Node, text: string, why: string): string {
    this.findings.add({
      code: "unsupported-expression",
      severity: "error",
      nodeId: node.id,
      message: `expression '${text}' cannot be printed: ${why}`,
    });
    return `null /* could not print '${text.replaceAll("*/", "* /")}' */`;
  }
}
