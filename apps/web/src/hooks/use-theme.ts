// Dark/light theme shared by every component (Monaco and uPlot follow it): the stored choice,
// else the system preference.
import { useEffect } from "react";
import { create } from "zustand";

export type Theme = "light" | "dark";

const useThemeStore = create<{ theme: Theme; set: (t: Theme) => void }>()((set) => ({
  theme: "light",
  set: (theme) => set({ theme }),
}));

function apply(theme: Theme) {
  document.documentElement.dataset.theme = theme;
  useThemeStore.getState().set(theme);
}

export function useTheme(): [Theme, () => void] {
  const theme = useThemeStore((s) => s.theme);
  useEffect(() => {
    const stored = document.documentElement.dataset.theme as Theme | undefined;
    const system = window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    apply(stored ?? system);
  }, []);
  const toggle = () => {
    const next = useThemeStore.getState().theme === "dark" ? "light" : "dark";
    apply(next);
    localStorage.setItem("riffle.theme", next);
  };
  return [theme, toggle];
}
