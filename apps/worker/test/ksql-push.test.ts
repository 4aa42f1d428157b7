// Push queries over chunked HTTP against a listening worker: rows produced after the query
// started (auto.offset.reset=latest) stream back as JSON lines; LIMIT and client close stop it.
import { type IncomingMessage, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, startTestWorker, type TestWorker } from "./harness";

describe("POST /query-stream push queries", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
    const res = await call(w, "POST", "/ksql", {
      ksql: "CREATE STREAM CLICKS (USER_ID STRING KEY, URL STRING) WITH (KAFKA_TOPIC='push_clicks', VALUE_FORMAT='JSON', PARTITIONS=1);",
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => w?.stop());

  const produce = (user: string, url: string) =>
    call(w, "POST", "/topics/push_clicks/records", { key: user, value: { URL: url } });

  it("streams only rows produced after it started (ksqlDB push queries default to latest), then stops at LIMIT", async () => {
    await produce("old", "/before");
    const stream = await openStream(
      w.url,
      "SELECT USER_ID, UCASE(URL) AS U FROM CLICKS WHERE URL <> '/skip' EMIT CHANGES LIMIT 2;",
    );
    expect(stream.status).toBe(200);
    expect(JSON.parse(await stream.next())).toMatchObject({ columnNames: ["USER_ID", "U"] });
    await produce("u1", "/a");
    await produce("u2", "/skip");
    await produce("u3", "/b");
    expect(JSON.parse(await stream.next())).toEqual(["u1", "/A"]);
    expect(JSON.parse(await stream.next())).toEqual(["u3", "/B"]);
    expect(await stream.rest()).toBe("");
  });

  it("stops the transient query when the client closes and persists nothing", async () => {
    const stream = await openStream(w.url, "SELECT * FROM CLICKS EMIT CHANGES;");
    await stream.next();
    await produce("u4", "/c");
    expect(JSON.parse(await stream.next())).toEqual(["u4", "/c"]);
    await stream.close();
    expect((await call(w, "GET", "/deployments")).body).toEqual([]);
    expect((await call(w, "GET", "/topologies")).body).toEqual([]);
    const queries = (await call(w, "POST", "/ksql", { ksql: "SHOW QUERIES;" })).body[0].queries;
    expect(queries).toEqual([]);
  });

  it("reports a push query on a missing stream as a statement_error", async () => {
    const res = await call(w, "POST", "/query-stream", { sql: "SELECT * FROM NOPE EMIT CHANGES;" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ "@type": "statement_error", message: "NOPE does not exist." });
  });
});

/** A push query over a raw HTTP connection, read line by line; `close` drops the socket. */
async function openStream(url: string, sql: string) {
  const req = request(`${url}/query-stream`, {
    method: "POST",
    headers: { "content-type": "application/json" },
  });
  req.end(JSON.stringify({ sql }));
  const res = await new Promise<IncomingMessage>((resolve) => req.on("response", resolve));
  res.setEncoding("utf8");
  const chunks = res[Symbol.asyncIterator]();
  let buffered = "";
  return {
    status: res.statusCode,
    async next(): Promise<string> {
      for (;;) {
        const nl = buffered.indexOf("\n");
        if (nl >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          return line;
        }
        const { value, done } = await chunks.next();
        if (done) throw new Error(`stream ended; left: ${buffered}`);
        buffered += value;
      }
    },
    async rest(): Promise<string> {
      for await (const chunk of chunks) buffered += chunk;
      return buffered;
    },
    async close() {
      const closed = new Promise((resolve) => req.on("close", resolve));
      req.destroy();
      await closed;
    },
  };
}
