// The SQL surface over REST in ksqlDB's shapes: `POST /ksql` runs statements, `POST
// /query-stream` answers a pull query or streams a push query as JSON lines until the client
// closes. At start the service's commands log is replayed before any statement is served.
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { App, Services } from "../http/types";
import { CommandsLog } from "./commands-log";
import { KsqlExecutor } from "./executor";
import { pullQuery } from "./pull-query";
import { isPushQuery, type PushQuery, pushQuery } from "./push-query";
import { errorBody, StatementError } from "./statement-error";

const tags = ["ksql"];
const Properties = z.record(z.string(), z.unknown()).optional();
const KsqlBody = z.object({ ksql: z.string().min(1), streamsProperties: Properties });
const QueryBody = z.object({ sql: z.string().min(1), properties: Properties });

/** `RIFFLE_SERVICE_ID` scopes the commands log, like ksqlDB's ksql.service.id. */
export function serviceId(env: NodeJS.ProcessEnv = process.env) {
  return env.RIFFLE_SERVICE_ID || "riffle";
}

export function ksqlRoutes(app: App, services: Services) {
  const commands = new CommandsLog(services.topics, serviceId());
  const executor = new KsqlExecutor(services, commands, app.log);
  const pushes = new Set<PushQuery>();
  let replayed: Promise<unknown> = Promise.resolve();
  // After listen: the deployment service has resumed what the database says runs by then.
  app.addHook("onListen", async () => {
    replayed = executor
      .replay()
      .catch((err) => app.log.error({ err }, "commands log replay failed"));
  });
  app.addHook("onClose", async () => {
    await Promise.all([...pushes].map((p) => p.stop()));
  });

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
          const r = await pullQuery(executor.catalog, services.topics, sql, origin);
          return `${[r.header, ...r.rows].map((l) => JSON.stringify(l)).join("\n")}\n`;
        }
        await stream(reply, async (write) => {
          const push = await pushQuery(executor.catalog, services.topics, sql, origin, write);
          pushes.add(push);
          return push;
        }).then((p) => pushes.delete(p));
      } catch (err) {
        if (!(err instanceof StatementError)) throw err;
        return reply.code(400).send(errorBody(err, sql));
      }
    },
  );
}

/** Starts the push query, writes its header and rows as lines, and stops it on close or LIMIT. */
async function stream(
  reply: FastifyReply,
  start: (write: (row: unknown[]) => void) => Promise<PushQuery>,
): Promise<PushQuery> {
  const raw = reply.raw;
  const push = await start((row) => raw.write(`${JSON.stringify(row)}\n`));
  reply.hijack();
  raw.writeHead(200, { "content-type": "application/vnd.ksqlapi.delimited.v1" });
  raw.write(`${JSON.stringify(push.header)}\n`);
  const closed = new Promise<void>((resolve) => raw.on("close", () => resolve()));
  await Promise.race([push.done, closed]);
  await push.stop();
  raw.end();
  return push;
}

function stringify(properties: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(properties ?? {}).map(([k, v]) => [k, String(v)]));
}
