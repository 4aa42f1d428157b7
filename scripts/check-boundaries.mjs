// Enforces the package boundaries of docs/architecture: public surfaces only (no deep imports
// across packages), browser-safe packages free of Node APIs, kafkajs and lmdb confined to the
// engine's log and store layers, and apps/web never importing the engine.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const BROWSER_SAFE = [
  "packages/expr",
  "packages/topology",
  "packages/sql",
  "packages/codegen",
  "packages/templates",
];
const rules = [
  {
    where: /./,
    forbid: /^@riffle\/[^/]+\/./,
    why: "deep import across packages: use the package's index",
  },
  { where: /^packages\//, forbid: /^(\.\.\/)+apps\//, why: "packages never import from apps" },
  {
    where: new RegExp(`^(${BROWSER_SAFE.join("|")})/src/`),
    forbid: /^(node:|fs$|path$|os$|child_process$|net$|crypto$)/,
    why: "browser-safe package uses a Node-only module",
  },
  {
    where: /^(?!packages\/engine\/(src\/log\/kafka|test\/kafka|bench\/kafka))/,
    forbid: /^kafkajs$/,
    why: "only the engine's Kafka log (and its tests and bench) imports kafkajs",
  },
  {
    where: /^(?!packages\/engine\/src\/(state|log)\/)/,
    forbid: /^lmdb$/,
    why: "only the engine's store and log layers import lmdb",
  },
  {
    where: /^apps\/web\//,
    forbid: /^@riffle\/engine$/,
    why: "the studio talks to the engine only through the worker",
  },
];

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".") || name === "generated") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.(ts|tsx|mts|mjs)$/.test(name)) yield path;
  }
}

const problems = [];
for (const top of ["packages", "apps"]) {
  for (const file of sources(join(root, top))) {
    const rel = relative(root, file);
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      for (const rule of rules) {
        if (rule.where.test(rel) && rule.forbid.test(m[1])) {
          const line = text.slice(0, m.index).split("\n").length;
          problems.push(`${rel}:${line}: '${m[1]}': ${rule.why}`);
        }
      }
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("package boundaries ok");
