// The SQL surface over REST in ksqlDB's shapes: `POST /ksql` runs statements, `POST
// /query-stream` answers a pull query or streams a push query as JSON lines until the client
// closes. At start the service's commands log is replayed before any statement is served.
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { App, Services } from "../http/types";
import { type CommandsLocation, CommandsLog } from "./commands-log";
import { KsqlExecutor } from "./executor";
import type { Origin } from "./plan-sql";
import { pullQuery } from "./pull-query";
import { isPushQuery, type PushQuery, pushQuery } from "./push-query";
import { errorBody, StatementError } from "./statement-error";

const tags = ["ksql"];
const Properties = z.record(z.string(), z.unknown()).optional();
const KsqlBody = z.object({ ksql: z.string().min(1), streamsProperties: Properties });
const QueryBody = z.object({ sql: z.string().min(1), properties: Properties });

/** How often a running worker looks for commands other workers of its service appended. */
const FOLLOW_INTERVAL_MS = 250;

export function ksqlRoutes(app: App, services: Services, location: CommandsLocation): PushQueries {
  const commands = CommandsLog.open(location, services.topics);
  const executor = new KsqlExecutor(services, commands, app.log);
  const pushes = new Set<PushQuery>();
  let replayed: Promise<unknown> = Promise.resolve();
  let follower: NodeJS.Timeout | undefined;
  // After listen: the deployment service has resumed what the database says runs by then.
  app.addHook("onListen", async () => {
    replayed = executor
      .replay()
      .catch((err) => app.log.error({ err }, "commands log replay failed"))
      .then(() => {
        follower = setInterval(() => {
          // A stopping worker has shut its deployments down: it must not start new ones.
          if (!services.ready()) return;
          executor.follow().catch((err) => app.log.error({ err }, "commands log follow failed"));
        }, FOLLOW_INTERVAL_MS);
        follower.unref();
      });
  });
  app.addHook("onClose", async () => {
    clearInterval(follower);
    await replayed;
    await Promise.all([...pushes].map((p) => p.stop()));
    await executor.idle();
    await commands.close();
  });

  /** Starts a push query that the worker stops at shutdown if nobody did before. */
  const startPush: PushQueries["start"] = async (sql, origin, onRow) => {
    await replayed;
    const push = await pushQuery(executor.catalog, services.topics, sql, origin, onRow);
    pushes.add(push);
    push.done.then(() => pushes.delete(push));
    return push;
  };

  app.post(
    "/ksql",
    { schema: { tags, summary: "Run ksqlDB statements (docs/ksql-server.md)", body: KsqlBody } },
    async (req, reply) => {
      await replayed;
      const r = await executor.execute(req.body.ksql, stringify(req.body.streamsProperties));
      if (r.ok) return r.results;
      return reply.code(400).send(r.error);
    },
  );

  app.post(
    "/query-stream",
    {
      schema: {
        tags,
        summary: "A pull query, or a push query streamed as JSON lines",
        body: QueryBody,
      },
    },
    async (req, reply) => {
      await replayed;
      const sql = req.body.sql.trim().replace(/;$/, "");
      const origin = { line: 1, column: 1 };
      try {
        if (!isPushQuery(sql)) {
          const r = await pullQuery(executor.catalog, services, sql, origin);
          return `${[r.header, ...r.rows].map((l) => JSON.stringify(l)).join("\n")}\n`;
        }
        await stream(reply, (write) => startPush(sql, origin, write));
      } catch (err) {
        if (!(err instanceof StatementError)) throw err;
        return reply.code(400).send(errorBody(err, sql));
      }
    },
  );
  return { start: startPush };
}

/** Push queries for other transports than HTTP (socket.io: live/push-query-socket.ts). */
export interface PushQueries {
  start(sql: string, origin: Origin, onRow: (row: unknown[]) => void): Promise<PushQuery>;
}

/** Starts the push query, writes its header and rows as lines, and stops it on close or LIMIT. */
async function stream(
  reply: FastifyReply,
  start: (write: (row: unknown[]) => void) => Promise<PushQuery>,
): Promise<void> {
  const raw = reply.raw;
  const push = await start((row) => raw.write(`${JSON.stringify(row)}\n`));
  reply.hijack();
  raw.writeHead(200, { "content-type": "application/vnd.ksqlapi.delimited.v1" });
  raw.write(`${JSON.stringify(push.header)}\n`);
  const closed = new Promise<void>((resolve) => raw.on("close", () => resolve()));
  await Promise.race([push.done, closed]);
  await push.stop();
  raw.end();
}

function stringify(properties: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(properties ?? {}).map(([k, v]) => [k, String(v)]));
}
