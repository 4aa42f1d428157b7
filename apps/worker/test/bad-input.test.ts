// Every class of bad input gets its own status and a body saying what and where.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, passThrough, startTestWorker, type TestWorker } from "./harness";

const pglite = { name: "pglite" as const };
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("bad input", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker(pglite, { env: { RIFFLE_BODY_LIMIT: "4096" } });
  });
  afterAll(() => w?.stop());

  it("answers malformed JSON with 400 invalid_json", async () => {
    const res = await call(w, "POST", "/topologies", '{"name": "x",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_json");
  });

  it("answers a body that breaks the schema with 400 naming the field", async () => {
    const res = await call(w, "POST", "/topologies", { name: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "invalid_request" });
    expect(res.body.error.message).toContain("name");
  });

  it("answers an invalid topology with 422 and node-level findings", async () => {
    const doc = passThrough();
    doc.nodes[1] = { id: "out", kind: "sink", config: { topic: "" } };
    const res = await call(w, "POST", "/validate", { document: doc });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_topology");
    expect(res.body.error.details.findings).toContainEqual(
      expect.objectContaining({ nodeId: "out", severity: "error" }),
    );
  });

  it("stores a draft with node errors but refuses to deploy it with 422", async () => {
    const doc = passThrough();
    doc.nodes[1] = { id: "out", kind: "sink", config: { topic: "" } };
    const saved = await call(w, "POST", "/topologies", { name: "draft", document: doc });
    expect(saved.status).toBe(201);
    const dep = await call(w, "POST", "/deployments", { topologyId: saved.body.id });
    expect(dep.status).toBe(422);
    expect(dep.body.error.details.findings).toContainEqual(
      expect.objectContaining({ nodeId: "out" }),
    );
  });

  it("refuses to store a document that is not a topology document with 422", async () => {
    const res = await call(w, "POST", "/topologies", {
      name: "x",
      document: { format: "something/else" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.findings[0].field).toBe("format");
  });

  it("reports an edge to a missing node on the edge", async () => {
    const doc = passThrough();
    doc.edges.push({ id: "e2", from: { node: "out" }, to: { node: "ghost" } });
    const res = await call(w, "POST", "/validate", { document: doc });
    expect(res.status).toBe(422);
    expect(res.body.error.details.findings).toContainEqual(
      expect.objectContaining({ edgeId: "e2" }),
    );
  });

  it("accepts a valid topology on /validate", async () => {
    const res = await call(w, "POST", "/validate", { document: passThrough() });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
  });

  it.each([
    ["GET", `/topologies/${UNKNOWN}`],
    ["GET", "/topologies/not-a-uuid"],
    ["GET", `/topologies/${UNKNOWN}/versions/1`],
    ["POST", `/topologies/${UNKNOWN}/versions`],
    ["GET", `/deployments/${UNKNOWN}`],
    ["POST", `/deployments/${UNKNOWN}/stop`],
    ["GET", "/topics/no-such-topic/records"],
    ["POST", "/samples/no-such-sample/start"],
  ] as const)("answers %s %s for an unknown id with 404", async (method, url) => {
    const body = url.endsWith("/versions")
      ? { baseVersion: 0, document: passThrough() }
      : method === "POST"
        ? {}
        : undefined;
    const res = await call(w, method, url, body);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("answers deploying an unknown topology with 404", async () => {
    const res = await call(w, "POST", "/deployments", { topologyId: UNKNOWN });
    expect(res.status).toBe(404);
  });

  it("answers a body over RIFFLE_BODY_LIMIT with 413", async () => {
    const res = await call(w, "POST", "/topologies", {
      name: "big",
      document: { pad: "x".repeat(10_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("body_too_large");
  });

  it("answers a record for a partition the topic lacks with 400", async () => {
    await call(w, "POST", "/topics", { name: "two", partitions: 2 });
    const res = await call(w, "POST", "/topics/two/records", [
      { value: 1 },
      { value: 2, partition: 2 },
    ]);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("partition 2");
    expect((await call(w, "GET", "/topics/two/records")).body).toEqual([]);
  });

  it("refuses the kafka runtime without KAFKA_BROKERS with 422", async () => {
    const t = await call(w, "POST", "/topologies", { name: "k", document: passThrough() });
    const res = await call(w, "POST", "/deployments", { topologyId: t.body.id, runtime: "kafka" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("kafka_not_configured");
  });

  it("limits CORS to WEB_ORIGIN", async () => {
    const allowed = await w.app.inject({
      method: "GET",
      url: "/topologies",
      headers: { origin: "http://studio.test" },
    });
    expect(allowed.headers["access-control-allow-origin"]).toBe("http://studio.test");
    const other = await w.app.inject({
      method: "GET",
      url: "/topologies",
      headers: { origin: "http://evil.test" },
    });
    expect(other.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("RIFFLE_TOKEN", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker(pglite, { env: { RIFFLE_TOKEN: "s3cret" } });
  });
  afterAll(() => w?.stop());

  it("answers a missing token with 401", async () => {
    const res = await call(w, "GET", "/topologies");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
  });

  it("answers a wrong token with 401", async () => {
    expect(
      (await call(w, "GET", "/topologies", undefined, { authorization: "Bearer nope" })).status,
    ).toBe(401);
  });

  it("serves requests carrying the token", async () => {
    expect(
      (await call(w, "GET", "/topologies", undefined, { authorization: "Bearer s3cret" })).status,
    ).toBe(200);
  });

  it("keeps health and the OpenAPI description public", async () => {
    expect((await call(w, "GET", "/health")).status).toBe(200);
    expect((await call(w, "GET", "/openapi.json")).body.paths["/topologies"]).toBeDefined();
  });
});
