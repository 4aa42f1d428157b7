// GET /deployments/:id/stores/:store: interactive queries over REST on a running deployment's
// key-value and window stores (Kafka Streams' KafkaStreams#store), and the request errors.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestWorker, type TestWorker } from "./harness";

const MINUTE = 60_000;
const T0 = 1_700_000_040_000; // a minute boundary
const auth = { authorization: "Bearer s3cret" };
const SETUP = `
CREATE STREAM PAYMENTS (ACCOUNT STRING KEY, AMOUNT INT)
  WITH (KAFKA_TOPIC='store_payments', VALUE_FORMAT='JSON', PARTITIONS=2);
CREATE TABLE BALANCES AS
  SELECT ACCOUNT, SUM(AMOUNT) AS TOTAL FROM PAYMENTS GROUP BY ACCOUNT EMIT CHANGES;
CREATE TABLE PER_MINUTE AS
  SELECT ACCOUNT, COUNT(*) AS N FROM PAYMENTS WINDOW TUMBLING (SIZE 1 MINUTE) GROUP BY ACCOUNT EMIT CHANGES;`;

describe("GET /deployments/:id/stores/:store (interactive queries)", () => {
  let w: TestWorker;
  const deploymentOf: Record<string, string> = {};
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" }, { env: { RIFFLE_TOKEN: "s3cret" } });
    const created = await call(w, "POST", "/ksql", { ksql: SETUP }, auth);
    expect(created.status).toBe(200);
    const shown = await call(w, "POST", "/ksql", { ksql: "SHOW QUERIES;" }, auth);
    for (const q of shown.body[0].queries) deploymentOf[q.sinks[0]] = q.deploymentId;
    const pay = (account: string, amount: number, timestamp: number) => ({
      key: account,
      value: { AMOUNT: amount },
      timestamp,
    });
    const produced = await call(
      w,
      "POST",
      "/topics/store_payments/records",
      [pay("acc-1", 10, T0), pay("acc-2", 5, T0 + 1000), pay("acc-1", 7, T0 + MINUTE)],
      auth,
    );
    expect(produced.status).toBe(201);
  });
  afterAll(() => w?.stop());

  const get = (url: string, headers: Record<string, string> = auth) =>
    call(w, "GET", url, undefined, headers);
  const store = (table: string, name: string, query = "") =>
    get(`/deployments/${deploymentOf[table]}/stores/${name}${query}`);
  /** Polls until the store answers `expected` entries (the deployment runs asynchronously). */
  const settled = async (table: string, name: string, query: string, expected: number) => {
    for (let i = 0; i < 300; i++) {
      const res = await store(table, name, query);
      if (res.status === 200 && res.body.entries.length >= expected) return res;
      await new Promise((r) => setTimeout(r, 20));
    }
    return store(table, name, query);
  };

  it("reads a key-value store by key, by key range and in full, across partitions", async () => {
    const all = await settled("BALANCES", "balances-aggregate", "", 2);
    expect(all.body).toMatchObject({ store: "balances-aggregate", kind: "key-value" });
    expect(all.body.entries.map((e: { key: string }) => e.key)).toEqual(["acc-1", "acc-2"]);
    const one = await store("BALANCES", "balances-aggregate", "?key=acc-1");
    expect(one.body.entries).toEqual([
      { key: "acc-1", value: { TOTAL: 17 }, timestamp: T0 + MINUTE },
    ]);
    const range = await store("BALANCES", "balances-aggregate", "?from=acc-2&to=acc-9");
    expect(range.body.entries.map((e: { key: string }) => e.key)).toEqual(["acc-2"]);
    expect((await store("BALANCES", "balances-aggregate", "?key=nobody")).body.entries).toEqual([]);
  });

  it("reads a window store for a key within window bounds, with each window's start and end", async () => {
    const all = await settled("PER_MINUTE", "per_minute-aggregate", "?key=acc-1", 2);
    expect(all.body.kind).toBe("window");
    expect(all.body.entries.map((e: { window: unknown }) => e.window)).toEqual([
      { start: T0, end: T0 + MINUTE },
      { start: T0 + MINUTE, end: T0 + 2 * MINUTE },
    ]);
    const later = await store(
      "PER_MINUTE",
      "per_minute-aggregate",
      `?key=acc-1&windowStart=${T0 + 1}&windowEnd=${new Date(T0 + 2 * MINUTE).toISOString()}`,
    );
    expect(later.body.entries).toEqual([
      {
        key: "acc-1",
        value: { N: 1 },
        timestamp: T0 + MINUTE,
        window: { start: T0 + MINUTE, end: T0 + 2 * MINUTE },
      },
    ]);
    const first = await store("PER_MINUTE", "per_minute-aggregate", `?windowEnd=${T0 + MINUTE}`);
    expect(first.body.entries.map((e: { key: string }) => e.key)).toEqual(["acc-1", "acc-2"]);
  });

  it("answers 404 for an unknown deployment or store, 400 for bad parameters, 401 without token", async () => {
    const unknownDeployment = await get(
      "/deployments/00000000-0000-4000-8000-000000000000/stores/x",
    );
    expect(unknownDeployment.status).toBe(404);
    const unknownStore = await store("BALANCES", "nope");
    expect(unknownStore).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    const both = await store("BALANCES", "balances-aggregate", "?key=a&from=b");
    expect(both).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    const windowOnKv = await store("BALANCES", "balances-aggregate", "?windowStart=0");
    expect(windowOnKv.body.error.message).toContain("need a window store");
    const badTime = await store("PER_MINUTE", "per_minute-aggregate", "?windowStart=yesterday");
    expect(badTime).toMatchObject({ status: 400 });
    expect(badTime.body.error.message).toContain("windowStart must be epoch milliseconds");
    const anonymous = await get(`/deployments/${deploymentOf.BALANCES}/stores/x`, {});
    expect(anonymous.status).toBe(401);
  });
});
