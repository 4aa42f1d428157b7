"use client";
// Switches between the light and dark theme.
import { useTheme } from "../hooks/use-theme";

export function ThemeToggle() {
  const [theme, toggle] = useTheme();
  return (
    <button
      type="button"
      onClick={toggle}
      aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}
    >
      {theme === "dark" ? "Light" : "Dark"} theme
    </button>
  );
}
