// The JSON Schema of the topology document, derived from the zod schemas (the single
// definition) with zod 4's z.toJSONSchema. docs/topology.schema.json is this, committed.
import { z } from "zod";
import { Edge, Node, Topic, TopologyDocument } from "./document";

const FullDocument = TopologyDocument.extend({
  topics: z.array(Topic).default([]),
  nodes: z.array(Node).default([]),
  edges: z.array(Edge).default([]),
});

/** JSON Schema (draft 2020-12) of a document as written: fields with defaults are optional. */
export function topologyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(FullDocument, { io: "input", target: "draft-2020-12" }),
    $id: "urn:riffle:topology:v1",
    title: "Riffle topology document",
  };
}
