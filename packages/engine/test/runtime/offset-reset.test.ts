// auto.offset.reset in the deployment runtime (Kafka's rule): "latest" starts a partition
// without a committed offset at its end; a committed offset always wins; "earliest" (Kafka
// Streams' default) reads from the start.
import { describe, expect, it } from "vitest";
import { jsonSerde, MemoryLog, StreamsBuilder } from "../../src";
import { type Deployment, offsetResetsOf, startDeployment } from "../../src/runtime";

const json = jsonSerde();

function passThrough() {
  const b = new StreamsBuilder();
  b.stream<string, number>("in").to("out");
  b.stream<string, number>("other").to("out-other");
  return b.build({ applicationId: "reset" });
}

async function produce(log: MemoryLog, topic: string, values: number[]) {
  await log.createTopic(topic, { partitions: 1 });
  await log.append(
    values.map((v) => ({
      topic,
      partition: 0,
      timestamp: v,
      key: json.serialize(`k${v}`),
      value: json.serialize(v),
    })),
  );
}

const values = (log: MemoryLog, topic: string) =>
  log.records(topic).map((r) => json.deserialize(r.value));

async function until(d: Deployment, check: () => boolean) {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(d.status()).toBe("running");
}

const run = (log: MemoryLog, offsetReset: Parameters<typeof startDeployment>[0]["offsetReset"]) =>
  startDeployment({
    topology: passThrough(),
    log,
    offsetReset,
    commitIntervalMs: 0,
    idleWaitMs: 5,
  });

describe("auto.offset.reset", () => {
  it("latest: a partition without a committed offset skips the records already in it", async () => {
    const log = new MemoryLog();
    await produce(log, "in", [1, 2, 3]);
    const d = run(log, "latest");
    await until(d, () => d.status() === "running");
    await produce(log, "in", [4, 5]);
    await until(d, () => values(log, "out").length >= 2);
    await d.stop();
    expect(values(log, "out")).toEqual([4, 5]);
  });

  it("latest: a committed offset wins, so records written while stopped are not skipped", async () => {
    const log = new MemoryLog();
    await produce(log, "in", [1]);
    const first = run(log, "earliest");
    await until(first, () => values(log, "out").length >= 1);
    await first.stop();
    await produce(log, "in", [2, 3]);
    const second = run(log, "latest");
    await until(second, () => values(log, "out").length >= 3);
    await second.stop();
    expect(values(log, "out")).toEqual([1, 2, 3]);
  });

  it("per topic: latest where the document says so, earliest elsewhere", async () => {
    const log = new MemoryLog();
    await produce(log, "in", [1, 2]);
    await produce(log, "other", [7, 8]);
    const d = run(log, { in: "latest" });
    await until(d, () => values(log, "out-other").length >= 2);
    await produce(log, "in", [3]);
    await until(d, () => values(log, "out").length >= 1);
    await d.stop();
    expect(values(log, "out")).toEqual([3]);
    expect(values(log, "out-other")).toEqual([7, 8]);
  });

  it("reads each stream source's offsetReset from a topology document", () => {
    const source = (id: string, topic: string, offsetReset: "earliest" | "latest") => ({
      id,
      kind: "stream-source" as const,
      config: { topic, timestamp: { kind: "record" as const }, offsetReset },
    });
    const policies = offsetResetsOf({
      format: "riffle.topology/v1",
      name: "t",
      topics: [],
      nodes: [source("a", "in", "latest"), source("b", "other", "earliest")],
      edges: [],
    });
    expect(policies).toEqual({ in: "latest", other: "earliest" });
  });
});
