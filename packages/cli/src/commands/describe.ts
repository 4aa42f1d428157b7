// `riffle describe FILE`: prints the topology as Kafka Streams' Topology#describe() does.
// Error findings go to stderr and make the exit code 1; unreadable input exits 2.
import { describe, hasErrors, validate } from "@riffle/topology";
import type { Command } from "commander";
import { type Io, processIo } from "../io";
import { readDocumentText, UNREADABLE } from "./read-document";

export async function runDescribe(file: string, io: Io = processIo): Promise<number> {
  const text = await readDocumentText(file, io);
  if (text === undefined) return UNREADABLE;
  const { document, findings } = validate(text);
  const errors = findings.filter((f) => f.severity === "error");
  for (const f of errors)
    io.err(`${file}: error ${f.code}${f.nodeId ? ` (node ${f.nodeId})` : ""}: ${f.message}`);
  if (!document) return UNREADABLE;
  io.out(describe(document).trimEnd());
  return hasErrors(findings) ? 1 : 0;
}

export function registerDescribe(program: Command, io: Io = processIo): void {
  program
    .command("describe")
    .description("Print the topology in Kafka Streams' Topology#describe() format")
    .argument("<file>", "topology document (.json)")
    .action(async (file: string) => {
      process.exitCode = await runDescribe(file, io);
    });
}
