"use client";
// Produce one record (key, value, timestamp) into a source topic of the topology.
import { useState } from "react";
import { ApiError, api } from "../../lib/api";
import { useDocument } from "../../store/document-store";
import { notify } from "../../store/notice-store";

function parseJson(
  text: string,
  what: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === "") return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `${what} is not JSON: ${(e as Error).message}` };
  }
}

export function TestRecordPanel() {
  // Select the stored array (a stable snapshot), not a new mapped one on every call.
  const declared = useDocument((s) => s.doc.topics);
  const topics = declared.map((t) => t.name);
  const [topic, setTopic] = useState("");
  const [key, setKey] = useState('"K1"');
  const [value, setValue] = useState('{"amount": 150}');
  const [timestamp, setTimestamp] = useState("");
  const [error, setError] = useState<string | null>(null);
  const target = topic || topics[0] || "";

  const send = async () => {
    const k = parseJson(key, "Key");
    const v = parseJson(value, "Value");
    const problem = !k.ok ? k.error : !v.ok ? v.error : null;
    setError(problem);
    if (problem || !k.ok || !v.ok) return;
    try {
      await api.produce(target, {
        key: k.value,
        value: v.value,
        timestamp: timestamp ? Number(timestamp) : undefined,
      });
      notify("success", `Record sent to ${target}.`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  if (topics.length === 0)
    return <p className="muted">Declare a topic (Topics tab) to send test records into it.</p>;
  return (
    <form
      className="row"
      style={{ flexWrap: "wrap", alignItems: "flex-end" }}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div className="field">
        <label htmlFor="test-topic">Topic</label>
        <select id="test-topic" value={target} onChange={(e) => setTopic(e.target.value)}>
          {topics.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="test-key">Key (JSON)</label>
        <input id="test-key" value={key} onChange={(e) => setKey(e.target.value)} />
      </div>
      <div className="field grow">
        <label htmlFor="test-value">Value (JSON)</label>
        <input id="test-value" value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="test-ts">Timestamp (ms, empty = now)</label>
        <input
          id="test-ts"
          type="number"
          value={timestamp}
          onChange={(e) => setTimestamp(e.target.value)}
        />
      </div>
      <button type="submit" className="primary" style={{ marginBottom: 8 }}>
        Send record
      </button>
      {error && (
        <div className="field-error" role="alert" style={{ width: "100%" }}>
          {error}
        </div>
      )}
    </form>
  );
}
