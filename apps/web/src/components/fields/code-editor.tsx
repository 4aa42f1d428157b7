"use client";
// A full Monaco editor (SQL input, generated code). Client-only; uncontrolled (defaultValue +
// onChange) so fast typing never drops characters; remount with a new `key` to replace text.
import Editor from "@monaco-editor/react";
import { useEffect, useRef } from "react";
import { monaco } from "../../lib/monaco-setup";

export interface Marker {
  message: string;
  line: number;
  column: number;
  length?: number;
}

export interface CodeEditorProps {
  defaultValue: string;
  language: string;
  theme: "light" | "dark";
  readOnly?: boolean;
  ariaLabel: string;
  markers?: Marker[];
  onChange?: (value: string) => void;
}

type Model = ReturnType<typeof monaco.editor.createModel>;

export default function CodeEditor(props: CodeEditorProps) {
  const model = useRef<Model | null>(null);
  const apply = () => {
    if (!model.current) return;
    monaco.editor.setModelMarkers(
      model.current,
      "riffle",
      (props.markers ?? []).map((m) => ({
        severity: monaco.MarkerSeverity.Error,
        message: m.message,
        startLineNumber: m.line,
        startColumn: m.column,
        endLineNumber: m.line,
        endColumn: m.column + Math.max(m.length ?? 1, 1),
      })),
    );
  };
  useEffect(apply, [props.markers]);
  return (
    <Editor
      height="100%"
      language={props.language}
      theme={props.theme === "dark" ? "vs-dark" : "vs"}
      defaultValue={props.defaultValue}
      onChange={(v) => props.onChange?.(v ?? "")}
      onMount={(editor) => {
        model.current = editor.getModel();
        apply();
      }}
      options={{
        readOnly: props.readOnly,
        minimap: { enabled: false },
        fontSize: 12,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        ariaLabel: props.ariaLabel,
        tabFocusMode: true,
      }}
    />
  );
}
