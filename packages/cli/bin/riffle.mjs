#!/usr/bin/env node
// Entry point of the `riffle` command: loads the TypeScript sources through tsx, no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
