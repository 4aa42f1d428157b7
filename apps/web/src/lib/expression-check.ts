// Checks one expression as it is typed, with packages/expr: parse, then type-check against the
// columns flowing into the node. Errors come back with line and column for Monaco markers.
export interface ExpressionProblem {
  message: string;
  line: number;
  column: number;
  length?: number;
}

export interface FunctionInfo {
  name: string;
  signature: string;
  doc: string;
}

export function checkExpression(
  _text: string,
  _columns: { name: string; type: string }[],
): ExpressionProblem[] {
  return [];
}

export function functionCatalogue(): FunctionInfo[] {
  return [];
}
