// Dead letters: a record the engine cannot route (a dynamic sink naming no topic) lands in the
// deployment's DLQ with where it came from; replay appends it again to its source topic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, records, startTestWorker, type TestWorker } from "./harness";

const routed = {
  format: "riffle.topology/v1",
  name: "router",
  topics: [
    {
      name: "to-route",
      partitions: 1,
      key: [{ name: "id", type: "STRING" }],
      value: [{ name: "target", type: "STRING" }],
    },
  ],
  nodes: [
    { id: "src", kind: "stream-source", config: { topic: "to-route" } },
    { id: "route", kind: "sink", config: { topicExpression: "target" } },
  ],
  edges: [{ id: "e1", from: { node: "src" }, to: { node: "route" } }],
};

describe("dead letters", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
  });
  afterAll(() => w?.stop());

  it("lists a record a dynamic sink could not route, and replays it to its source topic", async () => {
    const t = await call(w, "POST", "/topologies", { name: "router", document: routed });
    const dep = await call(w, "POST", "/deployments", { topologyId: t.body.id });
    expect(dep.body.status).toBe("running");
    const produced = await call(w, "POST", "/topics/to-route/records", [
      { key: "a", value: { target: "routed-a" } },
      { key: "b", value: { target: null } },
    ]);
    expect(produced.body).toEqual({
      count: 2,
      positions: [
        { partition: 0, offset: 0 },
        { partition: 0, offset: 1 },
      ],
    });
    expect((await records(w, "routed-a", 1))[0].value).toEqual({ target: "routed-a" });

    const deadTopic = `${dep.body.applicationId}-dlq`;
    const [letter] = await records(w, deadTopic, 1);
    expect(letter).toMatchObject({ key: "b", value: { target: null } });
    expect(letter.headers["riffle.dlq.topic"]).toBe("to-route");
    const listed = await call(w, "GET", `/deployments/${dep.body.id}/dead-letters`);
    expect(listed.body).toHaveLength(1);

    const replay = await call(w, "POST", `/deployments/${dep.body.id}/dead-letters/replay`);
    expect(replay.body).toEqual({ replayed: 1 });
    const source = await records(w, "to-route", 3);
    expect(source.at(-1)).toMatchObject({ key: "b", value: { target: null } });
  });
});
