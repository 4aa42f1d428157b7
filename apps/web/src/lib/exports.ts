// The code exports of a document, by target language (packages/codegen), with file names for
// download. An exporter that throws becomes a message, never a broken tab.
import { type ExportResult, toJava, toKsql, toTypeScript } from "@riffle/codegen";
import type { Topology } from "@riffle/topology";

export type ExportLang = "ts" | "java" | "ksql";

interface Exporter {
  title: string;
  monacoLanguage: string;
  fileName: (doc: Topology, code: string) => string;
  run: (doc: Topology) => ExportResult;
}

const base = (doc: Topology) => (doc.applicationId ?? doc.name).replace(/[^A-Za-z0-9_-]+/g, "-");

export const EXPORTERS: Record<ExportLang, Exporter> = {
  ts: {
    title: "TypeScript",
    monacoLanguage: "typescript",
    fileName: (doc) => `${base(doc)}.ts`,
    run: toTypeScript,
  },
  java: {
    title: "Java",
    monacoLanguage: "java",
    // Java wants the file named after its public class.
    fileName: (doc, code) => `${/public (?:final )?class (\w+)/.exec(code)?.[1] ?? base(doc)}.java`,
    run: toJava,
  },
  ksql: {
    title: "ksqlDB",
    monacoLanguage: "ksql",
    fileName: (doc) => `${base(doc)}.sql`,
    run: toKsql,
  },
};

export function exportCode(lang: ExportLang, doc: Topology): ExportResult {
  try {
    return EXPORTERS[lang].run(doc);
  } catch (e) {
    return {
      code: `-- export failed: ${(e as Error).message}`,
      findings: [{ code: "invalid-document", severity: "error", message: (e as Error).message }],
    };
  }
}

/** Offers `text` as a file download (a Blob URL; nothing leaves the browser). */
export function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
