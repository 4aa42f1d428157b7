"use client";
// Recent output records of one sink or tapped node: key, value, timestamp, window.
import type { LiveRecord } from "../../store/live-store";

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
const time = (ms: number) => new Date(ms).toISOString().slice(11, 23);

export function RecordTable({ records }: { records: LiveRecord[] }) {
  if (records.length === 0) return <p className="muted">No records yet.</p>;
  return (
    <table className="records" data-testid="record-table">
      <thead>
        <tr>
          <th>timestamp</th>
          <th>key</th>
          <th>value</th>
          <th>window</th>
          <th>partition@offset</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: records have no id; newest first
          <tr key={i} data-testid="record-row">
            <td>{time(r.timestamp)}</td>
            <td>{show(r.key)}</td>
            <td>{show(r.value)}</td>
            <td data-testid="record-window">
              {r.window ? `${time(r.window.start)}–${time(r.window.end)}` : ""}
            </td>
            <td>
              {r.partition ?? ""}
              {r.offset !== undefined ? `@${r.offset}` : ""}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
