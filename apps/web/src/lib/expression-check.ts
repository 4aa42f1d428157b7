// Checks one expression as it is typed, with packages/expr: parse, then type-check against the
// scope of the node's inputs. Errors carry line and column for Monaco markers.
import {
  type ExprError,
  FUNCTIONS,
  formatType,
  parseExpression,
  type Scope,
  typeCheck,
} from "@riffle/expr";

export function checkExpression(text: string, scope: Scope | null): ExprError[] {
  // Empty is not a parse error here: a required field is flagged by validation and its border.
  if (text.trim() === "") return [];
  const parsed = parseExpression(text);
  if (!parsed.ok) return parsed.errors;
  if (!scope) return [];
  const typed = typeCheck(parsed.value, scope);
  return typed.ok ? [] : typed.errors;
}

export interface CompletionColumn {
  name: string;
  type: string;
}

/** What completion offers: each column once, qualified where the scope qualifies it. */
export function completionColumns(scope: Scope | null): CompletionColumn[] {
  const seen = new Set<string>();
  const out: CompletionColumn[] = [];
  for (const c of scope?.columns ?? []) {
    const name = c.qualifier ? `${c.qualifier}.${c.name}` : c.name;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, type: formatType(c.type) });
  }
  return out;
}

export function functionCatalogue() {
  return FUNCTIONS;
}
