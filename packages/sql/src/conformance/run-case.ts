// Runs one QTT case: import the statements, run the document on the inputs through an engine
// supplied by the caller (packages/sql stays engine-free), compare the outputs. A case needing
// a schema registry or another unsupported construct is "unsupported", not a failure.
import type { Topology } from "@riffle/topology";
import { importSql } from "../import-sql";
import { compareRecords } from "./compare-records";
import type { QttCase, RecordLine } from "./qtt-file";

/** Runs a document on input records and returns every record written to a topic. */
export type CaseEngine = (
  document: Topology,
  inputs: RecordLine[],
  properties: Record<string, unknown>,
) => Promise<RecordLine[]>;

export type CaseStatus = "pass" | "fail" | "unsupported";

export interface CaseOutcome {
  name: string;
  status: CaseStatus;
  /** Why it failed (a diff) or why it is unsupported. */
  detail?: string;
}

const REGISTRY_FORMATS = /^(AVRO|PROTOBUF|PROTOBUF_NOSR|JSON_SR)$/i;

function registryFormat(c: QttCase): string | undefined {
  for (const t of c.topics) {
    for (const f of [t.format, t.keyFormat, t.valueFormat])
      if (f && REGISTRY_FORMATS.test(f)) return f;
  }
  const m = /FORMAT\s*=\s*'(AVRO|PROTOBUF|PROTOBUF_NOSR|JSON_SR)'/i.exec(c.statements.join(" "));
  return m?.[1].toUpperCase();
}

function script(c: QttCase): string {
  return c.statements.map((s) => (s.trim().endsWith(";") ? s : `${s};`)).join("\n");
}

export async function runCase(c: QttCase, engine: CaseEngine): Promise<CaseOutcome> {
  const outcome = (status: CaseStatus, detail?: string): CaseOutcome => ({
    name: c.name,
    status,
    ...(detail ? { detail } : {}),
  });
  const registry = registryFormat(c);
  if (registry) return outcome("unsupported", `${registry} needs a schema registry`);
  const imported = importSql(script(c), {
    topics: c.topics.flatMap((t) =>
      t.partitions ? [{ name: t.name, partitions: t.partitions }] : [],
    ),
    newQueryPlanner: String(c.properties["ksql.new.query.planner.enabled"]) === "true",
  });
  const expected = c.expectedException?.message;
  if (!imported.ok) {
    const e = imported.errors[0];
    if (expected !== undefined && e.message.includes(expected)) return outcome("pass");
    if (e.unsupported) return outcome("unsupported", e.message);
    const got = `${e.message} (line ${e.line}, column ${e.column})`;
    return outcome(
      "fail",
      expected !== undefined
        ? `expected exception: ${expected}\n    actual: ${got}`
        : `import failed: ${got}`,
    );
  }
  let actual: RecordLine[];
  try {
    actual = await engine(
      imported.document,
      c.inputs.map((r) => ({ timestamp: 0, ...r })),
      c.properties,
    );
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const cause = c.expectedException?.causeMessage;
    if (c.expectedException && (!cause || message.includes(cause))) return outcome("pass");
    return outcome("fail", `engine failed: ${message}`);
  }
  if (c.expectedException) {
    return outcome("fail", `expected exception: ${expected}\n    but the statements were accepted`);
  }
  const topics = new Map(imported.document.topics.map((t) => [t.name, t]));
  const diffs = compareRecords(c.outputs ?? [], actual, (name) => {
    const t = topics.get(name);
    return { key: t?.keyFormat, value: t?.valueFormat };
  });
  return diffs.length === 0 ? outcome("pass") : outcome("fail", diffs.join("\n"));
}
