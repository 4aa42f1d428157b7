// Long conditional expressions broken the way Biome prints them: the condition on its own
// line, then `? then` and `: else` indented below it (nested in the else branch, further).

/** Index of `token` at bracket depth 0 and outside string literals, from `from`. */
function topLevel(text: string, token: string, from = 0): number {
  let depth = 0;
  let quote = "";
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (depth === 0 && text.startsWith(token, i)) return i;
  }
  return -1;
}

/** `cond ? a : b` as lines, or undefined when `text` is no top-level conditional. */
export function breakTernary(text: string, indent: string): string | undefined {
  const q = topLevel(text, " ? ");
  const c = q < 0 ? -1 : topLevel(text, " : ", q + 3);
  if (c < 0) return undefined;
  const otherwise = text.slice(c + 3);
  const nested = breakTernary(otherwise, indent);
  const tail = nested ? nested.replaceAll("\n", "\n  ") : otherwise;
  return `${text.slice(0, q)}\n${indent}? ${text.slice(q + 3, c)}\n${indent}: ${tail}`;
}
