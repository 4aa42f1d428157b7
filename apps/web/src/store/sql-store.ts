// The SQL tab's text and last import errors, kept across tab switches (never lost on failure).
import { create } from "zustand";
import type { Marker } from "../components/fields/code-editor";

interface SqlState {
  text: string;
  /** Bumped when the text is replaced from outside, to remount the editor. */
  generation: number;
  errors: Marker[];
  setText: (text: string) => void;
  replaceText: (text: string) => void;
  setErrors: (errors: Marker[]) => void;
}

export const useSql = create<SqlState>()((set) => ({
  text: "",
  generation: 0,
  errors: [],
  setText: (text) => set({ text }),
  replaceText: (text) => set((s) => ({ text, generation: s.generation + 1, errors: [] })),
  setErrors: (errors) => set({ errors }),
}));
