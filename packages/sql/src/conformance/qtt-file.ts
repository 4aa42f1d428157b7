// ksqlDB's query-validation-test (QTT) file format, read as it is: cases with statements,
// input and expected records or an expected exception, `format` and `config` lists that
// expand one case into several, `properties` and `topics` declared up front.

/** A record line as QTT files and Riffle's CLI write them. */
export interface RecordLine {
  topic: string;
  key?: unknown;
  value?: unknown;
  timestamp?: number;
  partition?: number;
  window?: { start: number; end: number; type?: string };
  headers?: unknown;
}

export interface QttTopic {
  name: string;
  partitions?: number;
  keyFormat?: string;
  valueFormat?: string;
  format?: string;
}

export interface QttCase {
  name: string;
  statements: string[];
  inputs: RecordLine[];
  outputs?: RecordLine[];
  expectedException?: { type?: string; message?: string; causeMessage?: string };
  properties: Record<string, unknown>;
  topics: QttTopic[];
}

interface RawCase extends Partial<QttCase> {
  format?: string[];
  config?: string[];
}

export type ReadResult = { ok: true; cases: QttCase[] } | { ok: false; error: string };

/** Parses a QTT file's text and expands `format` / `config` lists into separate cases. */
export function readQttFile(text: string): ReadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const tests = (parsed as { tests?: unknown })?.tests;
  if (!Array.isArray(tests)) return { ok: false, error: 'expected {"tests": [...]}' };
  const cases: QttCase[] = [];
  for (const [i, raw] of (tests as RawCase[]).entries()) {
    if (typeof raw?.name !== "string" || !Array.isArray(raw.statements)) {
      return { ok: false, error: `tests[${i}] needs a "name" and "statements"` };
    }
    cases.push(...expand(raw));
  }
  return { ok: true, cases };
}

/** One case per `format` entry (`{FORMAT}` substituted); `{CONFIG}` takes the first entry
 *  of `config`, which parametrises ksqlDB's own test runner rather than the case. */
function expand(raw: RawCase): QttCase[] {
  const config = raw.config?.[0];
  return (raw.format ?? [undefined]).map((format) => {
    const sub = (s: string) =>
      s.replaceAll("{FORMAT}", format ?? "{FORMAT}").replaceAll("{CONFIG}", config ?? "{CONFIG}");
    const properties = Object.fromEntries(
      Object.entries(raw.properties ?? {}).map(([k, v]) => [k, typeof v === "string" ? sub(v) : v]),
    );
    return {
      name: format ? `${raw.name} - ${format}` : raw.name!,
      statements: raw.statements!.map(sub),
      inputs: raw.inputs ?? [],
      ...(raw.outputs ? { outputs: raw.outputs } : {}),
      ...(raw.expectedException ? { expectedException: raw.expectedException } : {}),
      properties,
      topics: raw.topics ?? [],
    };
  });
}
