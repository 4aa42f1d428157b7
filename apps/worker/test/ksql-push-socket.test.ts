// Push queries over socket.io (live/push-query-socket.ts) against a listening worker: rows
// produced after the start (auto.offset.reset=latest) arrive as events; LIMIT, a stop request
// and a disconnect each end the transient query, and nothing is persisted.
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestWorker, type TestWorker } from "./harness";

interface Row {
  queryId: string;
  row: unknown[];
}

/** A socket.io client that keeps every row and end event it receives. */
async function connect(url: string) {
  const socket: Socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const rows: Row[] = [];
  const ends: { queryId: string; reason: string }[] = [];
  socket.on("push-query:row", (r: Row) => rows.push(r));
  socket.on("push-query:end", (e: { queryId: string; reason: string }) => ends.push(e));
  const start = (sql: string) => socket.emitWithAck("push-query:start", { sql });
  const stop = (queryId: string) => socket.emitWithAck("push-query:stop", { queryId });
  return { socket, rows, ends, start, stop };
}

async function until(check: () => boolean) {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("push queries over socket.io", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
    const res = await call(w, "POST", "/ksql", {
      ksql: "CREATE STREAM VISITS (USER_ID STRING KEY, URL STRING) WITH (KAFKA_TOPIC='socket_visits', VALUE_FORMAT='JSON', PARTITIONS=1);",
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => w?.stop());

  const produce = (user: string, url: string) =>
    call(w, "POST", "/topics/socket_visits/records", { key: user, value: { URL: url } });

  it("streams rows produced after the start (ksqlDB push queries default to latest) and ends at LIMIT", async () => {
    const c = await connect(w.url);
    await produce("old", "/before");
    const started = await c.start(
      "SELECT USER_ID, UCASE(URL) AS U FROM VISITS WHERE URL <> '/skip' EMIT CHANGES LIMIT 2;",
    );
    expect(started).toMatchObject({ ok: true, header: { columnNames: ["USER_ID", "U"] } });
    const queryId = started.header.queryId;
    await produce("u1", "/a");
    await produce("u2", "/skip");
    await produce("u3", "/b");
    await until(() => c.ends.length === 1);
    expect(c.rows).toEqual([
      { queryId, row: ["u1", "/A"] },
      { queryId, row: ["u3", "/B"] },
    ]);
    expect(c.ends).toEqual([{ queryId, reason: "limit" }]);
    c.socket.close();
  });

  it("stops one query on request, leaving the socket's other query running", async () => {
    const c = await connect(w.url);
    const first = await c.start("SELECT * FROM VISITS EMIT CHANGES;");
    const second = await c.start("SELECT USER_ID, LEN(URL) AS N FROM VISITS EMIT CHANGES;");
    expect(await c.stop(first.header.queryId)).toEqual({ ok: true });
    await until(() => c.ends.length === 1);
    expect(c.ends).toEqual([{ queryId: first.header.queryId, reason: "stopped" }]);
    await produce("u5", "/e");
    await until(() => c.rows.length === 1);
    expect(c.rows).toEqual([{ queryId: second.header.queryId, row: ["u5", 2] }]);
    expect(await c.stop("transient_nope")).toMatchObject({ ok: false });
    c.socket.close();
  });

  it("a socket that disconnects leaves nothing behind: no deployment, topology or query", async () => {
    const c = await connect(w.url);
    await c.start("SELECT * FROM VISITS EMIT CHANGES;");
    c.socket.close();
    await until(() => w.hub.io.sockets.sockets.size === 0);
    await produce("u6", "/f");
    expect((await call(w, "GET", "/deployments")).body).toEqual([]);
    expect((await call(w, "GET", "/topologies")).body).toEqual([]);
    const queries = (await call(w, "POST", "/ksql", { ksql: "SHOW QUERIES;" })).body[0].queries;
    expect(queries).toEqual([]);
  });

  it("refuses a push query on a missing stream in ksqlDB's statement_error shape", async () => {
    const c = await connect(w.url);
    const refused = await c.start("SELECT * FROM NOPE EMIT CHANGES;");
    expect(refused).toMatchObject({
      ok: false,
      error: { "@type": "statement_error", message: "NOPE does not exist.", line: 1 },
    });
    expect(await c.start("")).toMatchObject({ ok: false, error: { message: "expected { sql }" } });
    c.socket.close();
  });
});
