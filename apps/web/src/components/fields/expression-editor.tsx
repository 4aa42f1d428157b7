"use client";
// Monaco for one expression: ksqlDB highlighting, completion of the node's input columns and
// of functions, markers from packages/expr as you type. Loaded client-only (next/dynamic).
import Editor, { type OnMount } from "@monaco-editor/react";
import type { Scope } from "@riffle/expr";
import { useEffect, useRef } from "react";
import { checkExpression, completionColumns } from "../../lib/expression-check";
import { KSQL_LANGUAGE } from "../../lib/ksql-language";
import { forgetModel, monaco, setModelColumns } from "../../lib/monaco-setup";

export interface ExpressionEditorProps {
  value: string;
  onChange: (value: string) => void;
  scope: Scope | null;
  ariaLabel: string;
  theme: "light" | "dark";
}

type Model = ReturnType<typeof monaco.editor.createModel>;

function mark(model: Model, scope: Scope | null) {
  const problems = checkExpression(model.getValue(), scope);
  monaco.editor.setModelMarkers(
    model,
    "riffle-expr",
    problems.map((p) => ({
      severity: monaco.MarkerSeverity.Error,
      message: p.message,
      startLineNumber: p.line,
      startColumn: p.column,
      endLineNumber: p.line,
      endColumn: p.column + Math.max(p.length ?? 1, 1),
    })),
  );
}

export default function ExpressionEditor(props: ExpressionEditorProps) {
  const modelRef = useRef<Model | null>(null);
  const scopeRef = useRef(props.scope);
  scopeRef.current = props.scope;

  useEffect(() => {
    const model = modelRef.current;
    if (!model) return;
    setModelColumns(model, completionColumns(props.scope));
    mark(model, props.scope);
  }, [props.scope]);

  useEffect(
    () => () => {
      if (modelRef.current) forgetModel(modelRef.current);
    },
    [],
  );

  const onMount: OnMount = (editor) => {
    const model = editor.getModel();
    if (!model) return;
    modelRef.current = model;
    setModelColumns(model, completionColumns(scopeRef.current));
    mark(model, scopeRef.current);
    // One line: Enter accepts a suggestion or does nothing, never inserts a newline.
    editor.addCommand(monaco.KeyCode.Enter, () => {}, "!suggestWidgetVisible");
  };

  return (
    <Editor
      height="26px"
      language={KSQL_LANGUAGE}
      theme={props.theme === "dark" ? "vs-dark" : "vs"}
      defaultValue={props.value}
      onMount={onMount}
      onChange={(text) => {
        const value = text ?? "";
        props.onChange(value);
        if (modelRef.current) mark(modelRef.current, scopeRef.current);
      }}
      options={{
        minimap: { enabled: false },
        lineNumbers: "off",
        glyphMargin: false,
        folding: false,
        scrollBeyondLastLine: false,
        renderLineHighlight: "none",
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
        scrollbar: { vertical: "hidden", horizontal: "auto", horizontalScrollbarSize: 4 },
        wordWrap: "off",
        fontSize: 12,
        lineDecorationsWidth: 4,
        fixedOverflowWidgets: true,
        ariaLabel: props.ariaLabel,
        tabFocusMode: true,
        automaticLayout: true,
      }}
    />
  );
}
