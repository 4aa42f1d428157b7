// socket.io side of the worker: a room per deployment, each subscriber with its own bounded
// queue. Deployments publish without waiting; what they publish in one event-loop turn goes out
// as one batch per client at the end of that turn, and only to clients whose transport has
// drained (a timer retries the others), so a slow or stalled browser loses records, never
// throughput.
import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { bearer, tokenMatches } from "../auth";
import type { OutputRecord } from "../services/runner";
import { ClientQueue } from "./client-queue";

export interface HubOptions {
  token?: string;
  origins: string[];
  log: Logger;
  /** Status of a deployment, or undefined when it does not exist. */
  lookup(deploymentId: string): Promise<string | undefined>;
  /** The union of nodes tapped by a deployment's subscribers changed. */
  onTapsChanged(deploymentId: string, nodeIds: string[]): void;
  /** How often queues of clients that were busy at the last flush are tried again. */
  flushIntervalMs?: number;
  queueCapacity?: number;
  /** Records/s of a subscription that does not ask for a rate. */
  defaultRate?: number;
  /** The most a subscription may ask for. */
  maxRatePerClient?: number;
}

const Subscribe = z.object({
  deploymentId: z.string().min(1),
  taps: z.array(z.string()).max(64).default([]),
  maxRate: z.number().int().min(1).optional(),
});

interface Subscription {
  queue: ClientQueue<OutputRecord>;
  taps: Set<string>;
}

type Ack = (reply: Record<string, unknown>) => void;

export const room = (deploymentId: string) => `deployment:${deploymentId}`;

export class LiveHub {
  readonly io: Server;
  private readonly subs = new Map<Socket, Map<string, Subscription>>();
  private readonly timer: NodeJS.Timeout;
  private readonly capacity: number;
  private readonly maxRate: number;
  private readonly defaultRate: number;
  private flushQueued = false;
  /** Subscriptions per deployment, resolved once per change of membership rather than for
   *  every published record (a burst publishes tens of thousands a second). */
  private readonly subscribers = new Map<string, Subscription[]>();

  constructor(
    server: HttpServer,
    private readonly options: HubOptions,
  ) {
    this.capacity = options.queueCapacity ?? 2000;
    this.maxRate = options.maxRatePerClient ?? 5000;
    this.defaultRate = Math.min(options.defaultRate ?? 200, this.maxRate);
    this.io = new Server(server, {
      cors: { origin: options.origins, credentials: true },
      serveClient: false,
      maxHttpBufferSize: 64 * 1024,
    });
    this.io.use((socket, next) => {
      const given = socket.handshake.auth?.token ?? bearer(socket.handshake.headers.authorization);
      if (tokenMatches(options.token, given)) next();
      else next(Object.assign(new Error("unauthorized"), { data: { code: "unauthorized" } }));
    });
    this.io.on("connection", (socket) => this.accept(socket));
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 20);
  }

  watched(deploymentId: string): boolean {
    return (this.io.sockets.adapter.rooms.get(room(deploymentId))?.size ?? 0) > 0;
  }

  publishRecord(deploymentId: string, record: OutputRecord) {
    const now = Date.now();
    for (const sub of this.subscribersOf(deploymentId)) {
      if (record.topic !== undefined || sub.taps.has(record.nodeId)) sub.queue.offer(record, now);
    }
    this.flushSoon();
  }

  /** One flush after the records published in this turn (a commit's worth), not one per record. */
  private flushSoon() {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  /** Metrics are replaced every second, so a client that cannot take one simply skips it. */
  publishMetrics(deploymentId: string, metrics: unknown) {
    this.io
      .to(room(deploymentId))
      .volatile.emit("metrics", { deploymentId, ...(metrics as object) });
  }

  publishStatus(deploymentId: string, status: string, lastError?: string | null) {
    this.io.to(room(deploymentId)).emit("status", { deploymentId, status, lastError });
  }

  publishError(deploymentId: string, message: string) {
    this.io.to(room(deploymentId)).emit("error", { deploymentId, message });
  }

  /** Queue sizes and drop counts, for tests and the bench. */
  stats() {
    return [...this.subs].flatMap(([socket, m]) =>
      [...m.entries()].map(([deploymentId, s]) => ({
        socketId: socket.id,
        deploymentId,
        queued: s.queue.size,
        capacity: s.queue.capacity,
        dropped: s.queue.droppedTotal,
        /** Packets engine.io holds for this socket beyond our queue. */
        pendingPackets: conn(socket).writeBuffer.length,
        /** False while the client has not taken what was sent before. */
        writable: conn(socket).transport.writable,
      })),
    );
  }

  async close(reason: string) {
    clearInterval(this.timer);
    this.io.emit("shutdown", { reason });
    // Sockets and engine.io only: the HTTP server is fastify's to close, after its hooks have
    // ended long-lived responses (io.close() would wait on them and never return).
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }

  private accept(socket: Socket) {
    const mine = new Map<string, Subscription>();
    this.subs.set(socket, mine);
    socket.on("subscribe", async (raw: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = Subscribe.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: parsed.error.issues[0]?.message });
      const { deploymentId, taps, maxRate } = parsed.data;
      const status = await this.options.lookup(deploymentId);
      if (status === undefined) return reply({ ok: false, error: "unknown deployment" });
      const rate = Math.min(maxRate ?? this.defaultRate, this.maxRate);
      mine.set(deploymentId, { queue: new ClientQueue(this.capacity, rate), taps: new Set(taps) });
      await socket.join(room(deploymentId));
      this.membershipChanged(deploymentId);
      reply({ ok: true, status });
    });
    socket.on("unsubscribe", async (raw: unknown) => {
      const deploymentId = (raw as { deploymentId?: string })?.deploymentId ?? "";
      if (!mine.delete(deploymentId)) return;
      await socket.leave(room(deploymentId));
      this.membershipChanged(deploymentId);
    });
    socket.on("disconnect", () => {
      this.subs.delete(socket);
      for (const id of mine.keys()) this.membershipChanged(id);
    });
  }

  private subscribersOf(deploymentId: string): Subscription[] {
    let subs = this.subscribers.get(deploymentId);
    if (subs === undefined) {
      subs = [];
      for (const socketId of this.io.sockets.adapter.rooms.get(room(deploymentId)) ?? []) {
        const socket = this.io.sockets.sockets.get(socketId);
        const sub = socket && this.subs.get(socket)?.get(deploymentId);
        if (sub) subs.push(sub);
      }
      this.subscribers.set(deploymentId, subs);
    }
    return subs;
  }

  private membershipChanged(deploymentId: string) {
    this.subscribers.delete(deploymentId);
    this.tapsChanged(deploymentId);
  }

  private tapsChanged(deploymentId: string) {
    const union = new Set<string>();
    for (const sub of this.subscribersOf(deploymentId)) for (const t of sub.taps) union.add(t);
    this.options.onTapsChanged(deploymentId, [...union]);
  }

  private flush() {
    for (const [socket, mine] of this.subs) {
      if (!transportIdle(socket)) continue;
      for (const [deploymentId, sub] of mine) {
        if (!sub.queue.hasNews()) continue;
        const { items, dropped } = sub.queue.drain();
        socket.emit("records", { deploymentId, records: items, dropped });
      }
    }
  }
}

/** True when everything sent before has left the process: the client is keeping up. */
function transportIdle(socket: Socket): boolean {
  const c = conn(socket);
  return c.transport.writable && c.writeBuffer.length === 0;
}

/** engine.io's connection: its write buffer and transport state are public but untyped. */
function conn(socket: Socket) {
  return socket.conn as unknown as { writeBuffer: unknown[]; transport: { writable: boolean } };
}
