"use client";
// The live dashboard of the running deployment: per-sink record table with pause and filter,
// taps on any node, and charts of throughput, lag, late drops, dead letters and windowed values.
import { useMemo, useState } from "react";
import { useLiveFeed } from "../../hooks/use-live-feed";
import { windowSeries } from "../../lib/window-series";
import { isActive, useDeployment } from "../../store/deployment-store";
import { useDocument } from "../../store/document-store";
import { useLive } from "../../store/live-store";
import { Chart } from "./chart";
import { RecordTable } from "./record-table";

function Charts() {
  const samples = useLive((s) => s.samples);
  const data = useMemo(() => {
    const xs = samples.map((s) => s.at / 1000);
    return {
      throughput: [xs, samples.map((s) => s.throughput)],
      lag: [xs, samples.map((s) => s.lag)],
      problems: [xs, samples.map((s) => s.lateDrops), samples.map((s) => s.deadLetters)],
    };
  }, [samples]);
  return (
    <>
      <Chart
        title="Throughput (records/s)"
        series={["records/s"]}
        data={data.throughput}
        testId="chart-throughput"
      />
      <Chart title="Lag (records)" series={["lag"]} data={data.lag} testId="chart-lag" />
      <Chart
        title="Late drops and dead letters"
        series={["late drops", "dead letters"]}
        data={data.problems}
        testId="chart-problems"
      />
    </>
  );
}

export function Dashboard() {
  const deployment = useDeployment((s) => s.deployment);
  const running = isActive(deployment);
  useLiveFeed(running ? deployment!.id : null);
  const nodes = useDocument((s) => s.doc.nodes);
  const selectedId = useDocument((s) => s.selectedId);
  const { records, paused, setPaused, taps, setTaps, dropped } = useLive();
  const sinks = nodes.filter((n) => n.kind === "sink").map((n) => n.id);
  const watched = [...sinks, ...taps.filter((t) => !sinks.includes(t))];
  const [chosen, setChosen] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const current = chosen && watched.includes(chosen) ? chosen : (watched[0] ?? null);
  const shown = useMemo(() => {
    const all = current ? (records[current] ?? []) : [];
    const needle = filter.trim().toLowerCase();
    return needle
      ? all.filter((r) => JSON.stringify([r.key, r.value]).toLowerCase().includes(needle))
      : all;
  }, [records, current, filter]);
  const windowed = useMemo(() => windowSeries(shown), [shown]);

  if (!running)
    return (
      <p className="muted" data-testid="dashboard-idle">
        Nothing running. Deploy this topology (side panel, Deploy tab) to watch its output here.
      </p>
    );
  return (
    <div data-testid="dashboard">
      <div className="row" style={{ flexWrap: "wrap", marginBottom: 6 }}>
        <label htmlFor="dashboard-node">Output of</label>
        <select
          id="dashboard-node"
          value={current ?? ""}
          onChange={(e) => setChosen(e.target.value)}
        >
          {watched.map((id) => (
            <option key={id} value={id}>
              {id}
              {sinks.includes(id) ? " (sink)" : " (tap)"}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!selectedId || taps.includes(selectedId) || sinks.includes(selectedId)}
          onClick={() => {
            if (!selectedId) return;
            setTaps([...taps, selectedId]);
            setChosen(selectedId);
          }}
        >
          Tap selected node{selectedId ? ` (${selectedId})` : ""}
        </button>
        {current && taps.includes(current) && (
          <button type="button" onClick={() => setTaps(taps.filter((t) => t !== current))}>
            Remove tap
          </button>
        )}
        <button type="button" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? "Resume" : "Pause"}
        </button>
        <input
          aria-label="Filter records"
          placeholder="filter key or value"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {dropped > 0 && <span className="muted">{dropped} records skipped to keep up</span>}
      </div>
      <div className="dash-grid">
        <div className="dash-records">
          <RecordTable records={shown.slice(0, 100)} />
        </div>
        <div className="charts">
          <Charts />
          {windowed.keys.length > 0 && (
            <Chart
              title="Windowed values by key"
              series={windowed.keys}
              data={windowed.data}
              testId="chart-windowed"
            />
          )}
        </div>
      </div>
    </div>
  );
}
