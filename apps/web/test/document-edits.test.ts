// Pure document edits, history, clipboard and layout behind the canvas.
import { describe, expect, it } from "vitest";
import { copyFragment, pasteFragment } from "../src/lib/clipboard";
import { addNode, connect, emptyDocument, removeElements } from "../src/lib/doc-edit";
import { emptyHistory, record, redo, undo } from "../src/lib/history";
import { layoutPositions } from "../src/lib/layout";

function pipeline() {
  let doc = emptyDocument("t");
  const a = addNode(doc, "stream-source", { x: 0, y: 0 });
  const b = addNode(a.doc, "filter", { x: 200, y: 0 });
  doc = connect(b.doc, { node: a.id, port: "out" }, { node: b.id, port: "in" });
  return { doc, source: a.id, filter: b.id };
}

describe("document edits", () => {
  it("gives dropped nodes stable kind-prefixed ids, default config and a position", () => {
    const { doc, source, filter } = pipeline();
    expect([source, filter]).toEqual(["stream-source-1", "filter-1"]);
    expect(doc.nodes[0].config).toMatchObject({
      offsetReset: "earliest",
      timestamp: { kind: "record" },
    });
    expect(doc.layout?.nodes[filter]).toEqual({ x: 200, y: 0 });
  });

  it("removing a node removes the edges touching it and its position", () => {
    const { doc, source } = pipeline();
    const next = removeElements(doc, [source]);
    expect(next.nodes.map((n) => n.id)).toEqual(["filter-1"]);
    expect(next.edges).toEqual([]);
    expect(next.layout?.nodes[source]).toBeUndefined();
  });

  it("connecting the same ports twice keeps one edge", () => {
    const { doc, source, filter } = pipeline();
    expect(connect(doc, { node: source, port: "out" }, { node: filter, port: "in" })).toBe(doc);
  });
});

describe("history", () => {
  it("undo then redo returns to the same document; a new edit forgets redo", () => {
    const h1 = record(emptyHistory<string>(), "a");
    const back = undo(h1, "b")!;
    expect(back.present).toBe("a");
    const forward = redo(back.history, back.present)!;
    expect(forward.present).toBe("b");
    expect(record(back.history, "a").future).toEqual([]);
    expect(undo(emptyHistory<string>(), "x")).toBeNull();
  });
});

describe("clipboard", () => {
  it("pastes copies under fresh ids with their internal edge, offset from the original", () => {
    const { doc, source, filter } = pipeline();
    const pasted = pasteFragment(doc, copyFragment(doc, [source, filter]), { x: 40, y: 40 });
    expect(pasted.ids).toEqual(["stream-source-2", "filter-2"]);
    expect(pasted.doc.edges.at(-1)).toMatchObject({
      from: { node: "stream-source-2" },
      to: { node: "filter-2" },
    });
    expect(pasted.doc.layout?.nodes["filter-2"]).toEqual({ x: 240, y: 40 });
  });
});

describe("auto-layout", () => {
  it("places downstream nodes to the right of their inputs", () => {
    const { doc, source, filter } = pipeline();
    const positions = layoutPositions(doc, new Map());
    expect(positions[filter].x).toBeGreaterThan(positions[source].x);
  });
});
