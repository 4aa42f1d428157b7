// The document being edited, its undo history and what is derived from it (ports, findings,
// flow nodes). Actions are thin: each calls a pure function from src/lib.
import type { Node, NodeKind, Topology } from "@riffle/topology";
import {
  applyEdgeChanges,
  applyNodeChanges,
  type EdgeChange,
  type NodeChange,
} from "@xyflow/react";
import { create } from "zustand";
import { analyze, type Finding, type Indexed } from "../lib/analysis";
import { copyFragment, type Fragment, pasteFragment } from "../lib/clipboard";
import {
  addNode,
  connect,
  type Endpoint,
  emptyDocument,
  removeElements,
  withPositions,
  type XY,
} from "../lib/doc-edit";
import { type StudioEdge, type StudioNode, toFlowEdges, toFlowNodes } from "../lib/flow";
import { emptyHistory, type History, record, redo, undo } from "../lib/history";
import { layoutPositions, type Size, withMissingPositions } from "../lib/layout";
import { connectionProblem, type NodePorts, portsOf } from "../lib/ports";
import { stableMap } from "../lib/stable";
import { notify } from "./notice-store";

export interface DocumentState {
  doc: Topology;
  /** The document as last loaded or saved: the unsaved-changes marker compares against it. */
  savedDoc: Topology;
  baseVersion: number;
  history: History<Topology>;
  index: Map<string, Node>;
  ports: Map<string, NodePorts>;
  analysis: Indexed;
  nodes: StudioNode[];
  edges: StudioEdge[];
  selectedId: string | null;
  clipboard: Fragment | null;
  load: (doc: Topology, baseVersion: number, savedDoc?: Topology) => void;
  markSaved: (version: number) => void;
  edit: (change: (doc: Topology) => Topology) => void;
  undo: () => void;
  redo: () => void;
  onNodesChange: (changes: NodeChange<StudioNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<StudioEdge>[]) => void;
  addNode: (kind: NodeKind, at: XY) => void;
  connect: (from: Endpoint, to: Endpoint) => void;
  deleteSelection: () => void;
  copy: () => void;
  paste: () => void;
  autoLayout: () => void;
  select: (id: string | null) => void;
}

interface Derived {
  ports: Map<string, NodePorts>;
  analysis: Indexed;
  nodes: StudioNode[];
  edges: StudioEdge[];
}

const portsKey = (p: NodePorts) => JSON.stringify(p);
const findingsKey = (fs: Finding[]) =>
  fs.map((f) => `${f.code}|${f.severity}|${f.message}|${f.fix?.title ?? ""}`).join("\n");

/** Everything derived from `doc`, reusing unchanged per-node values from `previous`. */
function derive(doc: Topology, previous: Derived) {
  const analysis = analyze(doc);
  return {
    doc,
    index: new Map(doc.nodes.map((n) => [n.id, n])),
    ports: stableMap(portsOf(doc), previous.ports, portsKey),
    analysis: {
      ...analysis,
      byNode: stableMap(analysis.byNode, previous.analysis.byNode, findingsKey),
      byEdge: stableMap(analysis.byEdge, previous.analysis.byEdge, findingsKey),
    },
    nodes: toFlowNodes(doc, previous.nodes),
    edges: toFlowEdges(doc, previous.edges),
  };
}

const NOTHING: Derived = {
  ports: new Map(),
  analysis: {
    findings: [],
    byNode: new Map(),
    byEdge: new Map(),
    analysis: undefined as never,
    ms: 0,
  },
  nodes: [],
  edges: [],
};

const selectedIds = (nodes: StudioNode[]) => nodes.filter((n) => n.selected).map((n) => n.id);

export const useDocument = create<DocumentState>()((set, get) => {
  const empty = emptyDocument("untitled");

  /** Moves to `doc` as a new undoable step. */
  const commit = (doc: Topology) => {
    const s = get();
    if (doc === s.doc) return;
    set({ history: record(s.history, s.doc), ...derive(doc, s) });
  };

  const travel = (step: typeof undo) => {
    const s = get();
    const moved = step(s.history, s.doc);
    if (moved) set({ history: moved.history, ...derive(moved.present, s) });
  };

  return {
    ...derive(empty, NOTHING),
    savedDoc: empty,
    baseVersion: 0,
    history: emptyHistory(),
    selectedId: null,
    clipboard: null,
    load: (loaded, baseVersion, savedDoc) => {
      const doc = withMissingPositions(loaded);
      set({
        ...derive(doc, NOTHING),
        savedDoc: savedDoc ?? doc,
        baseVersion,
        history: emptyHistory(),
        selectedId: null,
      });
    },
    markSaved: (version) => set((s) => ({ savedDoc: s.doc, baseVersion: version })),
    edit: (change) => commit(change(get().doc)),
    undo: () => travel(undo),
    redo: () => travel(redo),
    onNodesChange: (changes) => {
      const s = get();
      const nodes = applyNodeChanges(changes, s.nodes);
      const dropped: Record<string, XY> = {};
      for (const c of changes) {
        if (c.type === "position" && c.dragging === false && c.position) dropped[c.id] = c.position;
      }
      const removed = changes.filter((c) => c.type === "remove").map((c) => c.id);
      const selection = changes.some((c) => c.type === "select")
        ? { selectedId: selectedIds(nodes).at(-1) ?? null }
        : {};
      set({ nodes, ...selection });
      if (removed.length > 0) commit(removeElements(get().doc, removed));
      // A drag becomes one undoable step when it ends, not one per frame.
      if (Object.keys(dropped).length > 0) {
        const current = get().nodes.filter((n) => n.selected || dropped[n.id]);
        const positions = Object.fromEntries(current.map((n) => [n.id, n.position]));
        commit(withPositions(get().doc, { ...positions, ...dropped }));
      }
    },
    onEdgesChange: (changes) => {
      const s = get();
      set({ edges: applyEdgeChanges(changes, s.edges) });
      const removed = changes.filter((c) => c.type === "remove").map((c) => c.id);
      if (removed.length > 0) commit(removeElements(get().doc, [], removed));
    },
    addNode: (kind, at) => {
      const { doc, id } = addNode(get().doc, kind, at);
      commit(doc);
      get().select(id);
    },
    connect: (from, to) => {
      const s = get();
      const problem = connectionProblem(s.doc, s.ports, from, to);
      if (problem) notify("error", problem);
      else commit(connect(s.doc, from, to));
    },
    deleteSelection: () => {
      const s = get();
      const edgeIds = s.edges.filter((e) => e.selected).map((e) => e.id);
      commit(removeElements(s.doc, selectedIds(s.nodes), edgeIds));
      set({ selectedId: null });
    },
    copy: () => {
      const s = get();
      const ids = selectedIds(s.nodes);
      if (ids.length > 0) set({ clipboard: copyFragment(s.doc, ids) });
    },
    paste: () => {
      const s = get();
      if (!s.clipboard) return;
      const { doc, ids } = pasteFragment(s.doc, s.clipboard, { x: 40, y: 40 });
      commit(doc);
      const pasted = new Set(ids);
      set({
        nodes: get().nodes.map((n) => ({ ...n, selected: pasted.has(n.id) })),
        selectedId: ids.at(-1) ?? null,
      });
    },
    autoLayout: () => {
      const s = get();
      const sizes = new Map<string, Size>();
      for (const n of s.nodes) {
        if (n.measured?.width && n.measured.height)
          sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
      }
      commit(withPositions(s.doc, layoutPositions(s.doc, sizes)));
    },
    select: (id) =>
      set((s) => ({
        selectedId: id,
        nodes: s.nodes.map((n) =>
          (n.id === id) === Boolean(n.selected) ? n : { ...n, selected: n.id === id },
        ),
      })),
  };
});

/** Unsaved changes: the document differs from the one last loaded or saved. */
export const isDirty = (s: DocumentState) => s.doc !== s.savedDoc;
