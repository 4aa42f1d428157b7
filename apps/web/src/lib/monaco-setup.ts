// Client-only: configures @monaco-editor/react with the locally installed monaco-editor (never
// a CDN), its web worker, the ksqlDB language and completion of columns and functions.
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/languages/definitions/java/register";
import "monaco-editor/languages/definitions/typescript/register";
import { type CompletionColumn, functionCatalogue } from "./expression-check";
import { KSQL_LANGUAGE, ksqlConfiguration, ksqlMonarch } from "./ksql-language";

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker: (id: string, label: string) => Worker };
  }
}

// Only the editor worker is needed: no language here runs a language service.
window.MonacoEnvironment = {
  getWorker: () =>
    new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), {
      type: "module",
    }),
};

/** Columns offered for completion, per editor model (each expression field has its own). */
const columnsByModel = new Map<string, CompletionColumn[]>();

export function setModelColumns(model: monaco.editor.ITextModel, columns: CompletionColumn[]) {
  columnsByModel.set(model.uri.toString(), columns);
}

export function forgetModel(model: monaco.editor.ITextModel) {
  columnsByModel.delete(model.uri.toString());
}

monaco.languages.register({ id: KSQL_LANGUAGE });
monaco.languages.setMonarchTokensProvider(
  KSQL_LANGUAGE,
  ksqlMonarch(functionCatalogue().map((f) => f.name)),
);
monaco.languages.setLanguageConfiguration(KSQL_LANGUAGE, ksqlConfiguration);
monaco.languages.registerCompletionItemProvider(KSQL_LANGUAGE, {
  provideCompletionItems: (model, position) => {
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(
      position.lineNumber,
      word.startColumn,
      position.lineNumber,
      word.endColumn,
    );
    const Kind = monaco.languages.CompletionItemKind;
    const columns = (columnsByModel.get(model.uri.toString()) ?? []).map((c) => ({
      label: c.name,
      kind: Kind.Field,
      detail: c.type,
      insertText: /^[A-Za-z_]\w*$/.test(c.name) ? c.name : `\`${c.name}\``,
      range,
      sortText: `0${c.name}`,
    }));
    const functions = functionCatalogue().map((f) => ({
      label: f.name,
      kind: Kind.Function,
      detail: f.signature,
      documentation: f.doc,
      insertText: `${f.name}($0)`,
      insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
      range,
      sortText: `1${f.name}`,
    }));
    return { suggestions: [...columns, ...functions] };
  },
});

loader.config({ monaco });

export { monaco };
