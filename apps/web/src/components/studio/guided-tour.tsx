"use client";
// A short, skippable tour of the first run: palette, connect, validate, deploy, watch. Shown
// once per browser; "Skip tour" or finishing it remembers that in localStorage.
import { useEffect, useState } from "react";

const SEEN = "riffle.tour.seen";

const STEPS = [
  {
    title: "1 · Palette",
    text: "Drag a source from the palette on the left onto the canvas: a stream, a table or a global table over one of the sample topics.",
  },
  {
    title: "2 · Connect",
    text: "Drag from a node's output port to the next node's input. Ports are typed (stream, table, grouped, windowed): a connection that cannot work is refused with the reason.",
  },
  {
    title: "3 · Validate",
    text: "Every edit is checked as you draw. Problems are marked on the nodes and listed in the Problems tab; many come with a one-click fix.",
  },
  {
    title: "4 · Deploy",
    text: "Open the Deploy tab on the right and deploy to the embedded runtime: no Kafka needed, sample data is already flowing.",
  },
  {
    title: "5 · Watch",
    text: "The Live tab shows the records each sink writes, charts of throughput and lag, and any node you tap; the edges show records per second.",
  },
];

export function GuidedTour() {
  const [step, setStep] = useState<number | null>(null);

  useEffect(() => {
    if (window.localStorage.getItem(SEEN) === null) setStep(0);
  }, []);

  if (step === null) return null;
  const done = () => {
    window.localStorage.setItem(SEEN, "1");
    setStep(null);
  };
  const current = STEPS[step];
  return (
    <aside className="tour" role="dialog" aria-labelledby="tour-title" aria-live="polite">
      <h2 id="tour-title">{current.title}</h2>
      <p>{current.text}</p>
      <div className="row">
        <button type="button" onClick={done}>
          Skip tour
        </button>
        <span className="grow" />
        {step < STEPS.length - 1 ? (
          <button type="button" className="primary" onClick={() => setStep(step + 1)}>
            Next
          </button>
        ) : (
          <button type="button" className="primary" onClick={done}>
            Done
          </button>
        )}
      </div>
    </aside>
  );
}
