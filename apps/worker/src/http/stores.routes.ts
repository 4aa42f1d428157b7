// Interactive queries over REST: `GET /deployments/:id/stores/:store` reads a running
// deployment's state store across all its tasks (Kafka Streams' KafkaStreams#store), by key,
// key range or in full, with window bounds for window stores (ksqlDB's WINDOWSTART >= start,
// WINDOWEND <= end). Values are as stored (an aggregate's store holds its aggregation state).
import { InvalidStateStoreError, type QueryableStore } from "@riffle/engine";
import { z } from "zod";
import { NotFoundError, UserError } from "../errors";
import { deploymentDocument, storeWindowSize } from "../ksql/pull-materialization";
import { parseTimestamp } from "../ksql/pull-timestamp";
import { ErrorBody } from "./dto";
import type { App, Services } from "./types";

const tags = ["deployments"];

const StoreParams = z.object({ id: z.string(), store: z.string() });
const StoreQuery = z.object({
  key: z
    .string()
    .optional()
    .describe('A key: its JSON (123, "123", {...}) or, if not JSON, the text'),
  from: z.string().optional().describe("Lowest key of a range (key-value stores), inclusive"),
  to: z.string().optional().describe("Highest key of a range (key-value stores), inclusive"),
  windowStart: z.string().optional().describe("Earliest window start: epoch ms or ISO-8601"),
  windowEnd: z.string().optional().describe("Latest window end: epoch ms or ISO-8601"),
});
type StoreQuery = z.infer<typeof StoreQuery>;

const Entry = z.object({
  key: z.unknown(),
  value: z.unknown(),
  timestamp: z.number(),
  window: z.object({ start: z.number(), end: z.number().optional() }).optional(),
});
const StoreAnswer = z.object({
  store: z.string(),
  kind: z.enum(["key-value", "window", "session"]),
  entries: z.array(Entry),
});
type Entry = z.infer<typeof Entry>;

export function storeRoutes(app: App, services: Services) {
  app.get(
    "/deployments/:id/stores/:store",
    {
      schema: {
        tags,
        summary: "Read a running deployment's state store (interactive queries)",
        params: StoreParams,
        querystring: StoreQuery,
        response: { 200: StoreAnswer, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const { id, store: name } = req.params;
      await services.deployments.get(id);
      const store = open(services, id, name);
      const windowSize =
        store.kind === "window"
          ? storeWindowSize(await deploymentDocument(services, id), name)
          : undefined;
      return { store: name, kind: store.kind, entries: read(store, req.query, windowSize) };
    },
  );
}

function open(services: Services, id: string, name: string): QueryableStore {
  const runner = services.deployments.runner(id);
  if (!runner) throw new UserError(409, "not_running", `deployment '${id}' is not running`);
  try {
    const store = runner.store(name);
    if (!store) throw new NotFoundError("store", name);
    return store;
  } catch (err) {
    if (!(err instanceof InvalidStateStoreError)) throw err;
    throw new UserError(409, "not_ready", `store '${name}' cannot be read now: ${err.message}`);
  }
}

function read(store: QueryableStore, q: StoreQuery, windowSize: number | undefined): Entry[] {
  const key = q.key === undefined ? undefined : keyOf(q.key);
  const ranged = q.from !== undefined || q.to !== undefined;
  if (key !== undefined && ranged) bad("give either key or from/to, not both");
  if (store.kind !== "window" && (q.windowStart ?? q.windowEnd) !== undefined) {
    bad(`windowStart/windowEnd need a window store; '${store.kind}' is not one`);
  }
  if (store.kind === "key-value") {
    if (key !== undefined) return [store.get(key)].filter((e) => e !== undefined);
    return ranged ? store.range(optionalKey(q.from), optionalKey(q.to)) : store.all();
  }
  if (ranged) bad(`from/to key ranges need a key-value store; '${store.kind}' is not one`);
  if (store.kind === "session") {
    const sessions = key === undefined ? store.all() : store.fetch(key);
    return sessions.map(({ key, value, timestamp, start, end }) => ({
      key,
      value,
      timestamp,
      window: { start, end },
    }));
  }
  const from = bound("windowStart", q.windowStart) ?? Number.NEGATIVE_INFINITY;
  // A window ending by windowEnd starts by windowEnd - size; without a size, bound the start.
  const to = (bound("windowEnd", q.windowEnd) ?? Number.POSITIVE_INFINITY) - (windowSize ?? 0);
  const windows = key === undefined ? store.fetchAll(from, to) : store.fetch(key, from, to);
  return windows.map(({ key, value, timestamp, start }) => ({
    key,
    value,
    timestamp,
    window: { start, end: windowSize === undefined ? undefined : start + windowSize },
  }));
}

/** Keys are JSON when they parse as JSON (numbers, quoted strings, objects), else plain text. */
function keyOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function optionalKey(text: string | undefined): unknown {
  return text === undefined ? undefined : keyOf(text);
}

function bound(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseTimestamp(text);
  if (ms === undefined)
    bad(`${name} must be epoch milliseconds or an ISO-8601 time, not '${text}'`);
  return ms;
}

function bad(message: string): never {
  throw new UserError(400, "bad_request", message);
}
