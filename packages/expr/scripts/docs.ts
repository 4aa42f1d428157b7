// Regenerates the function reference in docs/expressions.md between its marker comments.
import { readFileSync, writeFileSync } from "node:fs";
import { functionReference } from "../src/functions/reference";

const path = new URL("../../../docs/expressions.md", import.meta.url);
const START = "<!-- functions:start -->\n";
const END = "<!-- functions:end -->";
const text = readFileSync(path, "utf8");
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from)
  throw new Error(`docs/expressions.md lacks the ${START.trim()} / ${END} markers`);
writeFileSync(
  path,
  `${text.slice(0, from + START.length)}\n${functionReference()}\n${text.slice(to)}`,
);
console.log("docs/expressions.md: function reference regenerated");
