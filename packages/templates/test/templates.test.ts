// Every template is a valid topology fed only by sample topics; findings are what the
// template's use case implies (repartition before the stream-table join, no SQL for the
// dynamic sink).
import { validate } from "@riffle/topology";
import { describe, expect, it } from "vitest";
import { findTemplate, SAMPLE_TOPICS, TEMPLATES } from "../src";

describe("templates", () => {
  it("cover the nine use cases with unique names", () => {
    expect(TEMPLATES).toHaveLength(9);
    expect(new Set(TEMPLATES.map((t) => t.name)).size).toBe(TEMPLATES.length);
    expect(findTemplate("orders-payments")?.title).toBe("Orders joined with payments");
    expect(findTemplate("no-such-template")).toBeUndefined();
  });

  it.each(TEMPLATES.map((t) => [t.name, t] as const))("%s validates without errors", (_name, t) => {
    const result = validate(t.document);
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors, JSON.stringify(errors, null, 2)).toEqual([]);
  });

  it.each(TEMPLATES.map((t) => [t.name, t] as const))(
    "%s reads only the sample topics it names",
    (_name, t) => {
      const sources = t.document.nodes.flatMap((n) =>
        "topic" in n.config && n.kind.endsWith("source") ? [n.config.topic] : [],
      );
      expect([...new Set(sources)].sort()).toEqual([...t.samples].sort());
      for (const topic of t.document.topics)
        expect(topic).toEqual(SAMPLE_TOPICS[topic.name as keyof typeof SAMPLE_TOPICS]);
    },
  );

  it("orders-enriched repartitions the re-keyed orders before the join, as Kafka Streams does after selectKey", () => {
    const { analysis } = validate(findTemplate("orders-enriched")!.document);
    expect(analysis.repartitions.map((r) => [r.nodeId, r.reason, r.resolvedPartitions])).toEqual([
      ["enrich", "key-changed", 6],
    ]);
  });

  it("dynamic-routing is reported as not exportable to ksqlDB SQL", () => {
    const { findings } = validate(findTemplate("dynamic-routing")!.document);
    expect(findings.some((f) => f.nodeId === "per-region" && /SQL/i.test(f.message))).toBe(true);
  });
});
