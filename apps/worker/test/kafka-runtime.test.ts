// The kafka runtime through the REST API and socket.io, against librdkafka's mock cluster
// (tools/kafka-mock): deploy, live output, stop and delete; co-partitioning checked against the
// cluster's real partition counts; an unreachable broker as a status, never a crash.
import { KafkaLog } from "@riffle/engine";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockCluster, startMockCluster } from "../../../tools/kafka-mock";
import { call, passThrough, startTestWorker, type TestWorker } from "./harness";
import { connect, until } from "./live-client";

const pglite = { name: "pglite" as const };

async function deploy(w: TestWorker, document: object) {
  const t = await call(w, "POST", "/topologies", { name: "on kafka", document });
  expect(t.status).toBe(201);
  return call(w, "POST", "/deployments", { topologyId: t.body.id, runtime: "kafka" });
}

async function statusOf(w: TestWorker, id: string) {
  return (await call(w, "GET", `/deployments/${id}`)).body as { status: string; lastError: string };
}

/** profiles (key STRING) materialized as table t, its changes written to profiles-out. */
function tableDocument() {
  return {
    format: "riffle.topology/v1",
    name: "profiles",
    applicationId: "iq-profiles",
    topics: [
      {
        name: "profiles",
        partitions: 3,
        key: [{ name: "id", type: "STRING" }],
        value: [{ name: "n", type: "INT" }],
      },
    ],
    nodes: [
      { id: "t", kind: "table-source", config: { topic: "profiles" } },
      { id: "s", kind: "to-stream", config: {} },
      { id: "out", kind: "sink", config: { topic: "profiles-out" } },
    ],
    edges: [
      { id: "e1", from: { node: "t" }, to: { node: "s" } },
      { id: "e2", from: { node: "s" }, to: { node: "out" } },
    ],
  };
}

/** orders (key STRING) -> j (stream-table join with customers) -> out. */
function joinDocument() {
  const topic = (name: string) => ({
    name,
    partitions: 3,
    key: [{ name: "id", type: "STRING" }],
    value: [{ name: "n", type: "INT" }],
  });
  return {
    format: "riffle.topology/v1",
    name: "enrich",
    topics: [topic("orders"), topic("customers")],
    nodes: [
      { id: "o", kind: "stream-source", config: { topic: "orders" } },
      { id: "c", kind: "table-source", config: { topic: "customers" } },
      {
        id: "j",
        kind: "stream-table-join",
        config: {
          joinType: "inner",
          leftAlias: "O",
          rightAlias: "C",
          columns: [{ name: "N", expr: "O.n" }],
        },
      },
      { id: "out", kind: "sink", config: { topic: "enriched" } },
    ],
    edges: [
      { id: "e1", from: { node: "o" }, to: { node: "j", port: "left" } },
      { id: "e2", from: { node: "c" }, to: { node: "j", port: "right" } },
      { id: "e3", from: { node: "j" }, to: { node: "out" } },
    ],
  };
}

describe("kafka runtime on librdkafka's mock cluster", () => {
  let cluster: MockCluster;
  let w: TestWorker;
  beforeAll(async () => {
    cluster = await startMockCluster({
      topics: {
        orders: 3,
        "orders-copy": 3,
        customers: 6,
        enriched: 3,
        profiles: 3,
        "profiles-out": 3,
      },
    });
    w = await startTestWorker(pglite, { env: { KAFKA_BROKERS: cluster.bootstrap } });
  });
  afterAll(async () => {
    await w?.stop();
    await cluster?.stop();
  });

  it("runs a deployment in the consumer group named by its application id and streams sink output to socket.io", async () => {
    const dep = await deploy(w, passThrough("orders", "orders-copy"));
    expect(dep.status).toBe(201);
    expect(dep.body.runtime).toBe("kafka");
    const id = dep.body.id as string;
    const client = await connect(w.url);
    expect((await client.subscribe(id)).ok).toBe(true);
    await until("running", async () => (await statusOf(w, id)).status === "running");

    const producer = new KafkaLog({
      connection: { brokers: cluster.bootstrap.split(","), clientId: "test" },
      applicationId: "test-producer",
    });
    await producer.produce(
      [1, 2, 3].map((n) => ({ topic: "orders", key: `k${n}`, value: JSON.stringify({ n }) })),
    );
    await producer.stop();

    await until("three sink records", () => client.received >= 3);
    expect(client.records.map((r) => r.value.n).sort()).toEqual([1, 2, 3]);
    expect(client.records[0]).toMatchObject({ nodeId: "out", topic: "orders-copy" });
    expect(client.records.map((r) => r.key).sort()).toEqual(["k1", "k2", "k3"]);
    const metrics = await call(w, "GET", `/deployments/${id}/metrics`);
    expect(metrics.body.nodes.find((n: { nodeId: string }) => n.nodeId === "out").recordsIn).toBe(
      3,
    );
    const events = await call(w, "GET", `/deployments/${id}/events`);
    expect(events.body.map((e: { message: string }) => e.message)).toContain(
      `running on Kafka, consumer group ${dep.body.applicationId}`,
    );
    client.close();

    const stopped = await call(w, "POST", `/deployments/${id}/stop`);
    expect(stopped.body.status).toBe("stopped");
    // The mock serves no DeleteTopics: the request is refused, naming why, and nothing is lost.
    const refused = await call(w, "DELETE", `/deployments/${id}?internalTopics=true`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("kafka_unsupported");
    expect((await call(w, "DELETE", `/deployments/${id}`)).status).toBe(200);
    expect((await call(w, "GET", `/deployments/${id}`)).status).toBe(404);
  });

  it("serves interactive queries from the stores of the partitions it owns (Kafka Streams' local stores)", async () => {
    // The mock serves no CreateTopics: the table's changelog is made here.
    await cluster.createTopic("iq-profiles-t-changelog", 3);
    const dep = await deploy(w, tableDocument());
    const id = dep.body.id as string;
    await until("running", async () => (await statusOf(w, id)).status === "running");
    const producer = new KafkaLog({
      connection: { brokers: cluster.bootstrap.split(","), clientId: "test" },
      applicationId: "test-producer",
    });
    await producer.produce(
      ["u1", "u2", "u1"].map((key, n) => ({
        topic: "profiles",
        key,
        value: JSON.stringify({ n }),
      })),
    );
    await producer.stop();
    const read = () => call(w, "GET", `/deployments/${id}/stores/t?key=u1`);
    await until(
      "u1's latest profile",
      async () => (await read()).body.entries?.[0]?.value?.n === 2,
    );
    const all = await call(w, "GET", `/deployments/${id}/stores/t`);
    expect(all.body.entries.map((e: { key: string }) => e.key).sort()).toEqual(["u1", "u2"]);
    expect((await call(w, "GET", `/deployments/${id}/stores/nope`)).status).toBe(404);
    await call(w, "POST", `/deployments/${id}/stop`);
  });

  it("refuses a join over topics that are not co-partitioned on the cluster with 422 on the join node (Kafka Streams' TopologyException)", async () => {
    const res = await deploy(w, joinDocument());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("not_co_partitioned");
    expect(res.body.error.message).toContain("orders=3");
    expect(res.body.error.message).toContain("customers=6");
    const [finding] = res.body.error.details.findings;
    expect(finding).toMatchObject({ code: "RF501", severity: "error", nodeId: "j" });
    const [dep] = (await call(w, "GET", "/deployments")).body;
    expect(dep.status).toBe("failed");
    expect(dep.lastError).toContain("Join 'j'");
  });
});

describe("kafka runtime with an unreachable broker", () => {
  let w: TestWorker;
  beforeAll(async () => {
    // A port nobody listens on; one retry so the test sees `failed` within seconds.
    w = await startTestWorker(pglite, {
      env: { KAFKA_BROKERS: "127.0.0.1:9", RIFFLE_KAFKA_RETRIES: "1" },
    });
  });
  afterAll(() => w?.stop());

  it("answers the deploy with status starting and the reason, then failed; the worker stays up", async () => {
    const dep = await deploy(w, passThrough());
    expect(dep.status).toBe(201);
    expect(dep.body.status).toBe("starting");
    expect(dep.body.lastError).toMatch(/127\.0\.0\.1:9/);
    await until("failed", async () => (await statusOf(w, dep.body.id)).status === "failed");
    expect((await call(w, "GET", "/health")).status).toBe(200);
    const events = await call(w, "GET", `/deployments/${dep.body.id}/events`);
    expect(events.body.some((e: { message: string }) => e.message.startsWith("retrying"))).toBe(
      true,
    );
  });
});
