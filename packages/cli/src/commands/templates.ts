// `riffle templates list` and `riffle templates show NAME [--json]`: the template gallery on
// the command line. `--json` prints only the document, ready for `riffle validate` or `run`.
import { findTemplate, TEMPLATES } from "@riffle/templates";
import type { Command } from "commander";
import { type Io, processIo } from "../io";

const NOT_FOUND = 1;

export function runTemplatesList(io: Io = processIo): number {
  const width = Math.max(...TEMPLATES.map((t) => t.name.length));
  for (const t of TEMPLATES)
    io.out(`${t.name.padEnd(width)}  ${t.title}  [${t.samples.join(", ")}]`);
  return 0;
}

export function runTemplatesShow(name: string, json: boolean, io: Io = processIo): number {
  const template = findTemplate(name);
  if (!template) {
    io.err(
      `no template named '${name}'; \`riffle templates list\` shows them: ${TEMPLATES.map((t) => t.name).join(", ")}`,
    );
    return NOT_FOUND;
  }
  const document = JSON.stringify(template.document, null, 2);
  if (json) {
    io.out(document);
    return 0;
  }
  io.out(
    `${template.title}\n\n${template.description}\n\nSample data: ${template.samples.join(", ")}\n`,
  );
  io.out(document);
  return 0;
}

export function registerTemplates(program: Command, io: Io = processIo): void {
  const templates = program
    .command("templates")
    .description("Ready-to-run topologies for classic use cases");
  templates
    .command("list")
    .description("List the templates")
    .action(() => {
      process.exitCode = runTemplatesList(io);
    });
  templates
    .command("show")
    .description("Show a template's description and topology document")
    .argument("<name>", "template name, as `riffle templates list` prints it")
    .option("--json", "print only the topology document")
    .action((name: string, options: { json?: boolean }) => {
      process.exitCode = runTemplatesShow(name, options.json === true, io);
    });
}
