"use client";
import type { Scope } from "@riffle/expr";
// An expression field: Monaco loaded client-only, wrapped in `nokey` so React Flow does not
// swallow the Space key. Remounts when the value changes from outside (undo, fix, import).
import dynamic from "next/dynamic";
import { useRef } from "react";
import { useTheme } from "../../hooks/use-theme";

const ExpressionEditor = dynamic(() => import("./expression-editor"), {
  ssr: false,
  loading: () => <div style={{ height: 26 }} />,
});

export interface ExpressionFieldProps {
  value: string;
  onChange: (value: string) => void;
  scope: Scope | null;
  label: string;
  required?: boolean;
  testId?: string;
}

export function ExpressionField(props: ExpressionFieldProps) {
  const [theme] = useTheme();
  const typed = useRef(props.value);
  const generation = useRef(0);
  if (props.value !== typed.current) {
    typed.current = props.value;
    generation.current += 1;
  }
  return (
    <div
      className={`expr nokey ${props.value || !props.required ? "" : "invalid"}`}
      data-testid={props.testId}
    >
      <ExpressionEditor
        key={generation.current}
        value={props.value}
        scope={props.scope}
        ariaLabel={props.label}
        theme={theme}
        onChange={(value) => {
          typed.current = value;
          props.onChange(value);
        }}
      />
    </div>
  );
}
