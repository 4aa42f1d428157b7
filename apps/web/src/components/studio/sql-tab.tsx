"use client";
// SQL: type or paste ksqlDB statements and import them into the canvas, or show the current
// topology as SQL. Invalid SQL is underlined with its message; the canvas is left untouched.
import { importSql } from "@riffle/sql";
import { withPositions } from "../../lib/doc-edit";
import { exportCode } from "../../lib/exports";
import { layoutPositions } from "../../lib/layout";
import { useDocument } from "../../store/document-store";
import { notify } from "../../store/notice-store";
import { useSql } from "../../store/sql-store";
import { useView } from "../../store/view-store";
import { CodeView } from "../fields/code-view";

export function SqlTab() {
  const { text, generation, errors, setText, replaceText, setErrors } = useSql();

  const importIntoCanvas = () => {
    const { doc, edit } = useDocument.getState();
    const result = importSql(text, {
      name: doc.name,
      topics: doc.topics.map((t) => ({ name: t.name, partitions: t.partitions })),
    });
    if (!result.ok) {
      // Shown inline and underlined in the editor; the canvas is left as it was.
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    const imported = {
      ...result.document,
      name: doc.name,
      applicationId: doc.applicationId ?? result.document.applicationId,
    };
    edit(() => withPositions(imported, layoutPositions(imported, new Map())));
    useView.getState().requestFit();
    notify("success", `Imported ${result.document.nodes.length} nodes from SQL.`);
  };

  const showAsSql = () => replaceText(exportCode("ksql", useDocument.getState().doc).code);

  return (
    <div className="code-view">
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={importIntoCanvas}
          disabled={!text.trim()}
          data-testid="sql-import"
        >
          Import into canvas
        </button>
        <button type="button" onClick={showAsSql} data-testid="sql-show">
          Show topology as SQL
        </button>
        {errors.length > 0 && (
          <span className="field-error" role="alert" data-testid="sql-error">
            Not imported — line {errors[0].line}, column {errors[0].column}: {errors[0].message}.
            The canvas is unchanged.
          </span>
        )}
      </div>
      <CodeView
        key={generation}
        defaultValue={text}
        language="ksql"
        ariaLabel="ksqlDB statements"
        markers={errors}
        onChange={setText}
        testId="sql-editor"
      />
    </div>
  );
}
