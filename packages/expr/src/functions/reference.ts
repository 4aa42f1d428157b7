// The function reference in Markdown, generated from the catalogue so docs/expressions.md
// cannot drift from what the type checker accepts (`npm run docs -w packages/expr`).
import { FUNCTIONS } from "./catalogue";
import type { Category } from "./define";

const TITLES: Record<Category, string> = {
  string: "String functions",
  numeric: "Numeric functions",
  null: "Null handling",
  "date-time": "Date and time",
  json: "JSON",
  collection: "Arrays",
};

export function functionReference(): string {
  const sections = (Object.keys(TITLES) as Category[]).map((category) => {
    const entries = FUNCTIONS.filter((f) => f.category === category).map((f) => {
      const examples = f.example
        .split("; ")
        .map((e) => `    ${e}`)
        .join("\n");
      return `#### ${f.name}\n\n\`${f.signature}\`\n\n${f.doc}\n\n${examples}\n`;
    });
    return `### ${TITLES[category]}\n\n${entries.join("\n")}`;
  });
  return sections.join("\n");
}
