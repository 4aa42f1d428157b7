"use client";
// Generated code of the current document: TypeScript (Riffle's engine), Java (Kafka Streams),
// ksqlDB SQL, with copy and download. Regenerated when the document changes.
import { useMemo, useState } from "react";
import { download, EXPORTERS, type ExportLang, exportCode } from "../../lib/exports";
import { useDocument } from "../../store/document-store";
import { notify } from "../../store/notice-store";
import { CodeView } from "../fields/code-view";

export function CodeTab() {
  const doc = useDocument((s) => s.doc);
  const langs = Object.keys(EXPORTERS) as ExportLang[];
  const [lang, setLang] = useState<ExportLang>(langs[0]);
  const exporter = EXPORTERS[lang];
  const result = useMemo(() => exportCode(lang, doc), [lang, doc]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(result.code);
      notify("success", `${exporter.title} code copied.`);
    } catch {
      notify("error", "The browser refused clipboard access; use Download instead.");
    }
  };
  return (
    <div className="code-view">
      <div className="row">
        <fieldset
          className="row"
          aria-label="Language"
          style={{ border: "none", margin: 0, padding: 0 }}
        >
          {langs.map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={l === lang}
              className={l === lang ? "primary" : ""}
              onClick={() => setLang(l)}
              data-testid={`code-lang-${l}`}
            >
              {EXPORTERS[l].title}
            </button>
          ))}
        </fieldset>
        <span className="grow" />
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button
          type="button"
          onClick={() => download(exporter.fileName(doc, result.code), result.code)}
          data-testid="code-download"
        >
          Download {exporter.fileName(doc, result.code)}
        </button>
      </div>
      {result.findings.length > 0 && (
        <ul className="problems">
          {result.findings.map((f, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: findings have no identity
            <li key={i} className={`sev-${f.severity}`}>
              {f.nodeId && <strong>{f.nodeId}</strong>} {f.message}
            </li>
          ))}
        </ul>
      )}
      <CodeView
        key={`${lang}:${result.code}`}
        defaultValue={result.code}
        language={exporter.monacoLanguage}
        readOnly
        ariaLabel={`${exporter.title} code`}
        testId={`code-${lang}`}
      />
    </div>
  );
}
