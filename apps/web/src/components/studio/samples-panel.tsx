"use client";
// Sample-data generators on the embedded runtime: on/off and rate per generator.
import { useEffect, useState } from "react";
import type { Sample } from "../../lib/api";
import { useSamples } from "../../store/samples-store";

function SampleRow({ sample }: { sample: Sample }) {
  const { start, stop } = useSamples();
  const [rate, setRate] = useState(String(sample.rate || sample.defaultRate));
  return (
    <li data-testid={`sample-${sample.name}`}>
      <div className="grow">
        <strong>{sample.name}</strong> <span className="muted">→ {sample.topic.name}</span>
        <div className="muted">{sample.produced} produced</div>
      </div>
      <input
        type="number"
        min={0.1}
        step="any"
        aria-label={`${sample.name} rate per second`}
        style={{ width: 70 }}
        value={rate}
        onChange={(e) => setRate(e.target.value)}
        onBlur={() => sample.running && start(sample.name, Number(rate))}
      />
      <span className="muted">/s</span>
      <button
        type="button"
        aria-pressed={sample.running}
        onClick={() => (sample.running ? stop(sample.name) : start(sample.name, Number(rate)))}
      >
        {sample.running ? "On" : "Off"}
      </button>
    </li>
  );
}

export function SamplesPanel() {
  const { samples, load } = useSamples();
  useEffect(() => {
    load();
    const timer = setInterval(load, 5000);
    return () => clearInterval(timer);
  }, [load]);
  return (
    <section className="section" aria-label="Sample data">
      <h2>Sample data</h2>
      {samples.length === 0 ? (
        <p className="muted">The worker offers no sample generators (or is not reachable).</p>
      ) : (
        <ul className="list">
          {samples.map((s) => (
            <SampleRow key={s.name} sample={s} />
          ))}
        </ul>
      )}
    </section>
  );
}
