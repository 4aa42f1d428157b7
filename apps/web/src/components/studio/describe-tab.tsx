"use client";
// The topology as Kafka Streams' Topology#describe() prints it: sub-topologies split at
// repartition topics, sources, processors with their stores, sinks.
import { describe } from "@riffle/topology";
import { useMemo } from "react";
import { useDocument } from "../../store/document-store";

export function DescribeTab() {
  const doc = useDocument((s) => s.doc);
  const text = useMemo(() => describe(doc), [doc]);
  return (
    <pre className="describe" data-testid="describe">
      {text}
    </pre>
  );
}
