// The commands log: accepted CREATE/DROP/TERMINATE statements are appended to `_riffle_commands`
// keyed by service id (ksql.service.id) and replayed at start; another service id is another
// cluster and sees none of them.
import { afterAll, describe, expect, it } from "vitest";
import { call, freshStore, records, startTestWorker, type TestWorker } from "./harness";

const SCRIPT = `
CREATE STREAM READINGS (SENSOR STRING KEY, TEMP DOUBLE)
  WITH (KAFKA_TOPIC='readings', VALUE_FORMAT='JSON', PARTITIONS=1);
CREATE STREAM HOT AS SELECT SENSOR, TEMP FROM READINGS WHERE TEMP > 30 EMIT CHANGES;
CREATE STREAM COLD AS SELECT SENSOR, TEMP FROM READINGS WHERE TEMP < 0 EMIT CHANGES;
TERMINATE CSAS_COLD_2;
DROP STREAM COLD;`;

describe("commands log", async () => {
  const store = await freshStore({ name: "pglite" }, true);
  const running: TestWorker[] = [];
  afterAll(async () => {
    for (const w of running) await w.stop();
  });

  async function start(serviceId?: string) {
    const previous = process.env.RIFFLE_SERVICE_ID;
    if (serviceId) process.env.RIFFLE_SERVICE_ID = serviceId;
    try {
      const w = await startTestWorker({ name: "pglite" }, { store });
      running.push(w);
      return w;
    } finally {
      if (previous === undefined) delete process.env.RIFFLE_SERVICE_ID;
      else process.env.RIFFLE_SERVICE_ID = previous;
    }
  }
  async function stop(w: TestWorker) {
    running.splice(running.indexOf(w), 1);
    await w.stop();
  }
  const ksql = (w: TestWorker, text: string) => call(w, "POST", "/ksql", { ksql: text });

  it("replays accepted statements in order at restart; the refused one was never recorded", async () => {
    const first = await start();
    const refused = await ksql(first, "DROP STREAM READINGS;");
    expect(refused.status).toBe(400);
    const created = await ksql(first, SCRIPT);
    expect(created.body).toEqual(expect.any(Array));
    await stop(first);

    const again = await start();
    const [streams, queries] = (await ksql(again, "SHOW STREAMS; SHOW QUERIES;")).body;
    expect(streams.streams.map((s: { name: string }) => s.name)).toEqual(["READINGS", "HOT"]);
    expect(queries.queries.map((q: { id: string }) => q.id)).toEqual([
      expect.stringMatching(/^CSAS_HOT_\d+$/),
    ]);
    await call(again, "POST", "/topics/readings/records", { key: "s1", value: { TEMP: 35 } });
    expect((await records(again, "HOT", 1))[0]).toMatchObject({ key: "s1", value: { TEMP: 35 } });

    const log = await call(again, "GET", "/topics/_riffle_commands/records?limit=100");
    const words = (r: { value: { statement: string } }) =>
      r.value.statement.split(/\s+/).slice(0, 3).join(" ");
    expect(log.body.map(words)).toEqual([
      "CREATE STREAM READINGS",
      "CREATE STREAM HOT",
      "CREATE STREAM COLD",
      "TERMINATE CSAS_COLD_2",
      "DROP STREAM COLD",
    ]);
    await stop(again);
  });

  it("a worker with another service id (ksql.service.id) on the same data runs none of them", async () => {
    const other = await start("elsewhere");
    const [streams, queries] = (await ksql(other, "SHOW STREAMS; SHOW QUERIES;")).body;
    expect(streams.streams).toEqual([]);
    expect(queries.queries).toEqual([]);
    const deployments = (await call(other, "GET", "/deployments")).body;
    expect(deployments.filter((d: { status: string }) => d.status === "running")).toEqual([]);
    await stop(other);

    const back = await start();
    const again = (await ksql(back, "SHOW QUERIES;")).body[0].queries;
    expect(again.map((q: { id: string }) => q.id)).toEqual([expect.stringMatching(/^CSAS_HOT_1$/)]);
    expect((await call(back, "GET", `/deployments/${again[0].deploymentId}`)).body.status).toBe(
      "running",
    );
  });
});
