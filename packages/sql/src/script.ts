// Splits a ksqlDB script into statements at top-level semicolons, blanking comments, and
// remembers where each statement starts so positions can be reported script-wide.

export interface StatementText {
  /** The statement without its semicolon; comments replaced by spaces (positions kept). */
  text: string;
  /** 1-based line and column of the statement's first character in the script. */
  line: number;
  column: number;
}

/** Replaces `-- ...` and `/* ... *\/` comments by spaces, leaving strings and newlines intact. */
function blankComments(script: string): string {
  if (!script.includes("--") && !script.includes("/*")) return script;
  const out = script.split("");
  let quote: string | null = null;
  for (let i = 0; i < out.length; i++) {
    const c = script[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === "`" || c === '"') quote = c;
    else if (c === "-" && script[i + 1] === "-") {
      while (i < out.length && script[i] !== "\n") out[i++] = " ";
    } else if (c === "/" && script[i + 1] === "*") {
      const end = script.indexOf("*/", i + 2);
      const stop = end < 0 ? out.length : end + 2;
      for (; i < stop; i++) if (script[i] !== "\n") out[i] = " ";
      i--;
    }
  }
  return out.join("");
}

/** The statements of a script, in order; blank statements are dropped. */
export function splitStatements(script: string): StatementText[] {
  const text = blankComments(script);
  const result: StatementText[] = [];
  let quote: string | null = null;
  let start = 0;
  let line = 1;
  let column = 1;
  let startLine = 1;
  let startColumn = 1;
  const flush = (end: number) => {
    const body = text.slice(start, end);
    const lead = body.length - body.trimStart().length;
    if (body.trim() !== "") {
      const before = body.slice(0, lead);
      const newlines = before.split("\n").length - 1;
      const stmtLine = startLine + newlines;
      const stmtColumn = newlines === 0 ? startColumn + lead : lead - before.lastIndexOf("\n");
      result.push({ text: body.slice(lead).trimEnd(), line: stmtLine, column: stmtColumn });
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === "`" || c === '"') quote = c;
    else if (c === ";") {
      flush(i);
      start = i + 1;
      startLine = line;
      startColumn = column + 1;
    }
    if (c === "\n") {
      line++;
      column = 1;
    } else column++;
  }
  flush(text.length);
  return result;
}
