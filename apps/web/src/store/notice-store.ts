// Messages for the person at the keyboard: refused connections, worker down, conflicts.
import { create } from "zustand";

export type NoticeTone = "info" | "success" | "error";

export interface Notice {
  id: number;
  tone: NoticeTone;
  message: string;
}

interface NoticeState {
  notices: Notice[];
  notify: (tone: NoticeTone, message: string) => void;
  dismiss: (id: number) => void;
}

let next = 1;

export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  notify: (tone, message) =>
    set((s) => ({ notices: [...s.notices.slice(-3), { id: next++, tone, message }] })),
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

export const notify = (tone: NoticeTone, message: string) =>
  useNotices.getState().notify(tone, message);
