// Push queries over chunked HTTP against a listening worker: rows produced after the query
// started (auto.offset.reset=latest) stream back as JSON lines; LIMIT and client close stop it.
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
    call(w, "POST", "/topics/push_clicks/records", {
      records: [{ key: user, value: { URL: url } }],
    });

  it("streams only rows produced after it started (ksqlDB push queries default to latest), then stops at LIMIT", async () => {
    await produce("old", "/before");
    const res = await fetch(`${w.url}/query-stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        sql: "SELECT USER_ID, UCASE(URL) AS U FROM CLICKS WHERE URL <> '/skip' EMIT CHANGES LIMIT 2;",
      }),
    });
    expect(res.status).toBe(200);
    const reader = lineReader(res);
    expect(JSON.parse(await reader.next())).toMatchObject({ columnNames: ["USER_ID", "U"] });
    await produce("u1", "/a");
    await produce("u2", "/skip");
    await produce("u3", "/b");
    expect(JSON.parse(await reader.next())).toEqual(["u1", "/A"]);
    expect(JSON.parse(await reader.next())).toEqual(["u3", "/B"]);
    expect(await reader.rest()).toBe("");
  });

  it("stops the transient query when the client closes and persists nothing", async () => {
    const before = (await call(w, "GET", "/deployments")).body.length;
    const abort = new AbortController();
    const res = await fetch(`${w.url}/query-stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sql: "SELECT * FROM CLICKS EMIT CHANGES;" }),
      signal: abort.signal,
    });
    const reader = lineReader(res);
    await reader.next();
    await produce("u4", "/c");
    expect(JSON.parse(await reader.next())).toEqual(["u4", "/c"]);
    abort.abort();
    expect((await call(w, "GET", "/deployments")).body.length).toBe(before);
    const queries = (await call(w, "POST", "/ksql", { ksql: "SHOW QUERIES;" })).body[0].queries;
    expect(queries).toEqual([]);
  });

  it("reports a push query on a missing stream as a statement_error", async () => {
    const res = await call(w, "POST", "/query-stream", { sql: "SELECT * FROM NOPE EMIT CHANGES;" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ "@type": "statement_error", message: "NOPE does not exist." });
  });
});

/** Reads a chunked response line by line. */
function lineReader(res: Response) {
  const body = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  return {
    async next(): Promise<string> {
      for (;;) {
        const nl = buffered.indexOf("\n");
        if (nl >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          return line;
        }
        const { value, done } = await body.read();
        if (done) throw new Error(`stream ended; left: ${buffered}`);
        buffered += decoder.decode(value, { stream: true });
      }
    },
    async rest(): Promise<string> {
      for (;;) {
        const { value, done } = await body.read();
        if (done) return buffered;
        buffered += decoder.decode(value, { stream: true });
      }
    },
  };
}
