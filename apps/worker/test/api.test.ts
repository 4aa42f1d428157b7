// REST API behaviour on every available database (PGlite always, PostgreSQL when present):
// topology CRUD, immutable versions, optimistic concurrency, deployments and restart.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  backends,
  call,
  freshStore,
  passThrough,
  records,
  startTestWorker,
  type TestWorker,
} from "./harness";

describe.each(backends())("API on $name", (backend) => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker(backend);
  });
  afterAll(() => w?.stop());

  async function createTopology(name = "orders pipeline", document: unknown = passThrough()) {
    const res = await call(w, "POST", "/topologies", { name, document });
    expect(res.status).toBe(201);
    return res.body as { id: string; latestVersion: number };
  }

  it("creates, lists, gets, renames, duplicates and deletes topologies", async () => {
    const t = await createTopology("first");
    expect(t.latestVersion).toBe(1);
    const empty = await call(w, "POST", "/topologies", { name: "empty" });
    expect(empty.body.latestVersion).toBe(0);

    const list = await call(w, "GET", "/topologies");
    expect(list.body.map((x: { id: string }) => x.id)).toEqual(
      expect.arrayContaining([t.id, empty.body.id]),
    );

    const renamed = await call(w, "PATCH", `/topologies/${t.id}`, { name: "renamed" });
    expect(renamed.body.name).toBe("renamed");
    expect((await call(w, "GET", `/topologies/${t.id}`)).body.name).toBe("renamed");

    const copy = await call(w, "POST", `/topologies/${t.id}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: "renamed (copy)", latestVersion: 1 });
    const copied = await call(w, "GET", `/topologies/${copy.body.id}/versions/1`);
    expect(copied.body.document).toEqual(passThrough());

    expect((await call(w, "DELETE", `/topologies/${t.id}`)).status).toBe(204);
    expect((await call(w, "GET", `/topologies/${t.id}`)).status).toBe(404);
    expect((await call(w, "GET", `/topologies/${copy.body.id}`)).status).toBe(200);
  });

  it("keeps every version immutable and lists them newest first", async () => {
    const t = await createTopology();
    const v2 = await call(w, "POST", `/topologies/${t.id}/versions`, {
      baseVersion: 1,
      document: passThrough("orders", "orders-v2"),
      message: "second sink",
    });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ version: 2, message: "second sink" });

    const versions = await call(w, "GET", `/topologies/${t.id}/versions`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await call(w, "GET", `/topologies/${t.id}/versions/1`)).body.document).toEqual(
      passThrough(),
    );
    expect((await call(w, "GET", `/topologies/${t.id}`)).body.latestVersion).toBe(2);
    expect((await call(w, "GET", `/topologies/${t.id}/versions/3`)).status).toBe(404);
  });

  it("refuses a save on a stale version with 409 and the current version (optimistic concurrency)", async () => {
    const t = await createTopology();
    const first = await call(w, "POST", `/topologies/${t.id}/versions`, {
      baseVersion: 1,
      document: passThrough(),
    });
    expect(first.status).toBe(201);
    const second = await call(w, "POST", `/topologies/${t.id}/versions`, {
      baseVersion: 1,
      document: passThrough(),
    });
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: "version_conflict",
      details: { currentVersion: 2, baseVersion: 1 },
    });
    expect((await call(w, "GET", `/topologies/${t.id}/versions`)).body).toHaveLength(2);
  });

  it("lets exactly one of two concurrent saves on the same base win", async () => {
    const t = await createTopology();
    const saves = await Promise.all(
      [1, 2].map(() =>
        call(w, "POST", `/topologies/${t.id}/versions`, {
          baseVersion: 1,
          document: passThrough(),
        }),
      ),
    );
    expect(saves.map((s) => s.status).sort()).toEqual([201, 409]);
  });

  it("deploys, stops and redeploys a version, and records its events", async () => {
    const t = await createTopology("deploy me", passThrough("in-a", "out-a"));
    const dep = await call(w, "POST", "/deployments", { topologyId: t.id });
    expect(dep.status).toBe(201);
    expect(dep.body).toMatchObject({ status: "running", version: 1, runtime: "embedded" });
    const id = dep.body.id;

    await call(w, "POST", "/topics/in-a/records", { key: "k1", value: { n: 1 } });
    const out = await records(w, "out-a", 1);
    expect(out.map((r: { value: unknown }) => r.value)).toEqual([{ n: 1 }]);
    expect((await call(w, "GET", `/deployments/${id}/metrics`)).body.nodes).toContainEqual(
      expect.objectContaining({ nodeId: "out", recordsIn: 1 }),
    );
    const listed = await call(w, "GET", "/topologies");
    expect(listed.body.find((x: { id: string }) => x.id === t.id).latestDeployment.status).toBe(
      "running",
    );

    expect((await call(w, "POST", `/deployments/${id}/stop`)).body.status).toBe("stopped");
    await call(w, "POST", "/topics/in-a/records", { key: "k2", value: { n: 2 } });
    expect((await call(w, "GET", "/topics/out-a/records")).body).toHaveLength(1);

    // Like a Kafka Streams application, the redeployed one resumes from its committed offsets:
    // what arrived while it was stopped is processed, once.
    const again = await call(w, "POST", `/deployments/${id}/redeploy`, {});
    expect(again.body.status).toBe("running");
    await call(w, "POST", "/topics/in-a/records", { key: "k3", value: { n: 3 } });
    const all = await records(w, "out-a", 3);
    expect(all.map((r: { value: { n: number } }) => r.value.n).sort()).toEqual([1, 2, 3]);

    const events = await call(w, "GET", `/deployments/${id}/events`);
    expect(events.body.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(["deploy", "status", "redeploy"]),
    );
  });

  it("redeploys on another version", async () => {
    const t = await createTopology("versioned", passThrough("in-b", "out-b1"));
    const dep = await call(w, "POST", "/deployments", { topologyId: t.id, version: 1 });
    await call(w, "POST", `/topologies/${t.id}/versions`, {
      baseVersion: 1,
      document: passThrough("in-b", "out-b2"),
    });
    const re = await call(w, "POST", `/deployments/${dep.body.id}/redeploy`, { version: 2 });
    expect(re.body).toMatchObject({ status: "running", version: 2 });
    await call(w, "POST", "/topics/in-b/records", { key: "k", value: { n: 1 } });
    expect(await records(w, "out-b2", 1)).toHaveLength(1);
    expect((await call(w, "GET", "/topics/out-b1/records")).body).toEqual([]);
  });
});

describe.each(backends())("restart on $name", (backend) => {
  it("starts deployments that were running again when the worker restarts", async () => {
    const store = await freshStore(backend, true);
    const first = await startTestWorker(backend, { store });
    const t = await call(first, "POST", "/topologies", {
      name: "durable",
      document: passThrough("in-r", "out-r"),
    });
    const running = await call(first, "POST", "/deployments", { topologyId: t.body.id });
    const stopped = await call(first, "POST", "/deployments", { topologyId: t.body.id });
    await call(first, "POST", `/deployments/${stopped.body.id}/stop`);
    await call(first, "POST", "/topics/in-r/records", { key: "k", value: { n: 41 } });
    await records(first, "out-r", 1);
    await first.stop();

    const second = await startTestWorker(backend, { store });
    try {
      expect((await call(second, "GET", `/deployments/${running.body.id}`)).body.status).toBe(
        "running",
      );
      expect((await call(second, "GET", `/deployments/${stopped.body.id}`)).body.status).toBe(
        "stopped",
      );
      await call(second, "POST", "/topics/in-r/records", { key: "k", value: { n: 42 } });
      // The durable log kept the topics and the committed offsets: 41 is not processed again.
      const out = await records(second, "out-r", 2);
      expect(out.map((r: { value: unknown }) => r.value)).toEqual([{ n: 41 }, { n: 42 }]);
      const events = await call(second, "GET", `/deployments/${running.body.id}/events`);
      expect(events.body.map((e: { kind: string }) => e.kind)).toContain("resume");
    } finally {
      await second.stop();
      await store.drop();
    }
  });
});
