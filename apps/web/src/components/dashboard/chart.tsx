"use client";
// A small uPlot time-series chart. uPlot is loaded in the browser only and updated in place
// (setData) so a chart costs nothing per React render.
import { useEffect, useRef } from "react";
import type uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { timeRange } from "../../lib/time-range";

export interface ChartProps {
  title: string;
  series: string[];
  /** x (seconds since epoch) then one array per series. */
  data: number[][];
  testId?: string;
}

const COLORS = ["#2f6fde", "#e67e22", "#8e44ad", "#00897b", "#c62828"];

export function Chart({ title, series, data, testId }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const key = series.join("|");

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt only when the series change
  useEffect(() => {
    let disposed = false;
    import("uplot").then(({ default: UPlot }) => {
      if (disposed || !box.current) return;
      const text = getComputedStyle(document.documentElement).getPropertyValue("--muted") || "#888";
      plot.current = new UPlot(
        {
          title,
          width: Math.max(box.current.clientWidth, 240),
          height: 150,
          legend: { show: true },
          scales: { x: { time: true, range: (u, min, max) => timeRange(u, min, max) } },
          axes: [{ stroke: text }, { stroke: text, size: 50 }],
          series: [
            {},
            ...series.map((label, i) => ({ label, stroke: COLORS[i % COLORS.length], width: 1.5 })),
          ],
        },
        latest.current as uPlot.AlignedData,
        box.current,
      );
    });
    return () => {
      disposed = true;
      plot.current?.destroy();
      plot.current = null;
    };
  }, [key, title]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  return <div ref={box} data-testid={testId} aria-label={`${title} chart`} role="img" />;
}
