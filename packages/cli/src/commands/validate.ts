// `riffle validate FILE [--json]`: prints the findings of a topology document.
// Exit 0 when there is no error finding, 1 when there is, 2 when the file is unreadable
// or not a topology document (not JSON, not an object, unknown format).
import { type Finding, hasErrors, validate } from "@riffle/topology";
import type { Command } from "commander";
import { type Io, processIo } from "../io";
import { readDocumentText, UNREADABLE } from "./read-document";

export async function runValidate(
  file: string,
  options: { json?: boolean },
  io: Io = processIo,
): Promise<number> {
  const text = await readDocumentText(file, io);
  if (text === undefined) return UNREADABLE;
  const { document, findings } = validate(text);
  const valid = document !== undefined && !hasErrors(findings);
  if (options.json) io.out(JSON.stringify({ file, valid, findings }, null, 2));
  else printFindings(file, findings, io);
  if (!document) return UNREADABLE;
  return valid ? 0 : 1;
}

/** `file: severity CODE (node x, field y): message`, then the fix, then a summary line. */
function printFindings(file: string, findings: Finding[], io: Io): void {
  for (const f of findings) {
    const where = [f.nodeId && `node ${f.nodeId}`, f.edgeId && `edge ${f.edgeId}`, f.field]
      .filter(Boolean)
      .join(", ");
    io.out(`${file}: ${f.severity} ${f.code}${where ? ` (${where})` : ""}: ${f.message}`);
    if (f.fix) io.out(`  fix: ${f.fix.title}`);
  }
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const summary = `${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info`;
  io.out(`${file}: ${hasErrors(findings) ? "invalid" : "valid"} — ${summary}`);
}

export function registerValidate(program: Command, io: Io = processIo): void {
  program
    .command("validate")
    .description("Validate a topology document (exit 0 valid, 1 errors, 2 unreadable)")
    .argument("<file>", "topology document (.json)")
    .option("--json", "print the findings as JSON")
    .action(async (file: string, options: { json?: boolean }) => {
      process.exitCode = await runValidate(file, options, io);
    });
}
