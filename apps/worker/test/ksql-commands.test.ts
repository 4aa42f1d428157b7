// The commands log: accepted CREATE/DROP/TERMINATE statements are appended to `_riffle_commands`
// of the service id (ksql.service.id) and replayed at start; another service id is another
// cluster and sees none of them. Several worker processes at once: ksql-cluster.test.ts.
import { join } from "node:path";
import { DurableLog } from "@riffle/engine";
import { afterAll, describe, expect, it } from "vitest";
import { COMMANDS_TOPIC } from "../src/ksql/commands-log";
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

  async function start(serviceId = "riffle") {
    const env = { RIFFLE_SERVICE_ID: serviceId };
    const w = await startTestWorker({ name: "pglite" }, { store, env });
    running.push(w);
    return w;
  }
  async function stop(w: TestWorker) {
    running.splice(running.indexOf(w), 1);
    await w.stop();
  }
  /** The first words of each command in the service's log under `<data dir>/commands/riffle`. */
  async function recordedStatements() {
    const log = new DurableLog({ dir: join(store.env.RIFFLE_DATA_DIR!, "commands", "riffle") });
    const records = await log.read(COMMANDS_TOPIC, 0, 0, 100);
    await log.close();
    return records.map((r) => {
      const { statement } = JSON.parse(new TextDecoder().decode(r.value!));
      return statement.split(/\s+/).slice(0, 3).join(" ");
    });
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

    await stop(again);
    expect(await recordedStatements()).toEqual([
      "CREATE STREAM READINGS",
      "CREATE STREAM HOT",
      "CREATE STREAM COLD",
      "TERMINATE CSAS_COLD_2",
      "DROP STREAM COLD",
    ]);
  }, 90_000); // two starts of an on-disk PGlite

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
