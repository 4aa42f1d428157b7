"use client";
// Client-only wrapper of CodeEditor, wrapped in `nokey` so React Flow keeps its hands off.
import dynamic from "next/dynamic";
import { useTheme } from "../../hooks/use-theme";
import type { CodeEditorProps } from "./code-editor";

const CodeEditor = dynamic(() => import("./code-editor"), {
  ssr: false,
  loading: () => <p className="muted">Loading editor…</p>,
});

export function CodeView(props: Omit<CodeEditorProps, "theme"> & { testId?: string }) {
  const [theme] = useTheme();
  return (
    <div className="editor nokey" data-testid={props.testId}>
      <CodeEditor {...props} theme={theme} />
    </div>
  );
}
