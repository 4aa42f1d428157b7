// Push queries over socket.io, the same transient queries as `POST /query-stream`: a client starts
// `SELECT ... EMIT CHANGES [LIMIT n]`, gets its rows as they are produced, and the query stops at
// LIMIT, on `push-query:stop`, or when the socket goes; nothing is persisted.
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import type { PushQuery } from "../ksql/push-query";
import type { PushQueries } from "../ksql/routes";
import { errorBody, StatementError } from "../ksql/statement-error";

const Start = z.object({ sql: z.string().min(1) });
const Stop = z.object({ queryId: z.string().min(1) });

type Ack = (reply: Record<string, unknown>) => void;

/**
 * Events: `push-query:start` `{ sql }` (ack `{ ok, header }` or `{ ok: false, error }` in the
 * `statement_error` shape), then `push-query:row` `{ queryId, row }` per row and one
 * `push-query:end` `{ queryId, reason: "limit" | "stopped" }`; `push-query:stop` `{ queryId }`.
 */
export function servePushQueries(io: Server, queries: PushQueries) {
  io.on("connection", (socket) => {
    const mine = new Map<string, PushQuery>();
    socket.on("push-query:start", async (raw: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = Start.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: { message: "expected { sql }" } });
      const sql = parsed.data.sql.trim().replace(/;$/, "");
      try {
        const push = await start(socket, queries, sql, reply);
        if (socket.disconnected) return push.stop();
        const queryId = push.header.queryId;
        mine.set(queryId, push);
        push.done.then(async () => {
          const reason = mine.delete(queryId) ? "limit" : "stopped";
          await push.stop();
          socket.emit("push-query:end", { queryId, reason });
        });
      } catch (err) {
        if (!(err instanceof StatementError)) throw err;
        reply({ ok: false, error: errorBody(err, sql) });
      }
    });
    socket.on("push-query:stop", async (raw: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const queryId = Stop.safeParse(raw).data?.queryId ?? "";
      const push = mine.get(queryId);
      if (!push) return reply({ ok: false, error: { message: `Unknown queryId: ${queryId}` } });
      mine.delete(queryId);
      await push.stop();
      reply({ ok: true });
    });
    socket.on("disconnect", () => {
      for (const push of mine.values()) void push.stop();
      mine.clear();
    });
  });
}

/** Rows the query produces before the client has its header wait for the ack, so a client
 *  always learns the columns first. */
async function start(socket: Socket, queries: PushQueries, sql: string, reply: Ack) {
  let queryId: string | undefined;
  const early: unknown[][] = [];
  const push = await queries.start(sql, { line: 1, column: 1 }, (row) => {
    if (queryId === undefined) early.push(row);
    else socket.emit("push-query:row", { queryId, row });
  });
  reply({ ok: true, header: push.header });
  queryId = push.header.queryId;
  for (const row of early) socket.emit("push-query:row", { queryId, row });
  return push;
}
