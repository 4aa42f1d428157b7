// socket.io side of the worker: a room per deployment, and for each deployment a FanOut that
// turns what it publishes into batches for its subscribers. Publishing only hands over a batch
// reference; at most every `flushIntervalMs` a tick samples each group of subscribers once and
// sends its payload, encoded once, to every member whose transport has drained. A slow or
// stalled browser loses records (it is told how many), never throughput.
import type { Server as HttpServer } from "node:http";
import type { Logger } from "pino";
import { Server, type Socket } from "socket.io";
import { z } from "zod";
import { bearer, tokenMatches } from "../auth";
import type { OutputRecord } from "../services/runner";
import { type Emission, FanOut, type FanOutWork, type LiveBatch, type Member } from "./fan-out";

export interface HubOptions {
  token?: string;
  origins: string[];
  log: Logger;
  /** Status of a deployment, or undefined when it does not exist. */
  lookup(deploymentId: string): Promise<string | undefined>;
  /** The union of nodes tapped by a deployment's subscribers changed. */
  onTapsChanged(deploymentId: string, nodeIds: string[]): void;
  /** The shortest time between two batches to one client (ms). */
  flushIntervalMs?: number;
  /** Socket writes of live batches per second the hub aims to stay under: with many clients
   *  the ticks space out (each tick writes to every ready client), so the hub's cost stays
   *  bounded whatever the number of clients. */
  writesPerSecond?: number;
  /** The most records one batch carries to one client. */
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

type Ack = (reply: Record<string, unknown>) => void;

export const room = (deploymentId: string) => `deployment:${deploymentId}`;

/** However many clients, a batch every 200 ms at least: what is published waits at most that. */
const MAX_TICK_SPACING_MS = 200;

export class LiveHub {
  readonly io: Server;
  /** Each socket's memberships, by deployment. */
  private readonly subs = new Map<Socket, Map<string, Member>>();
  private readonly fanOuts = new Map<string, FanOut<OutputRecord>>();
  private readonly capacity: number;
  private readonly maxRate: number;
  private readonly defaultRate: number;
  private readonly interval: number;
  private readonly writesPerSecond: number;
  /** Subscriptions over all deployments. */
  private memberships = 0;
  private tickTimer?: NodeJS.Timeout;
  private lastTick = 0;
  /** Work of deployments no longer watched, so `work()` covers the hub's whole life. */
  private readonly retired: FanOutWork = { decoded: 0, payloads: 0, emissions: 0 };

  constructor(
    server: HttpServer,
    private readonly options: HubOptions,
  ) {
    this.capacity = options.queueCapacity ?? 2000;
    this.maxRate = options.maxRatePerClient ?? 5000;
    this.defaultRate = Math.min(options.defaultRate ?? 200, this.maxRate);
    this.interval = options.flushIntervalMs ?? 20;
    this.writesPerSecond = options.writesPerSecond ?? 1000;
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
  }

  watched(deploymentId: string): boolean {
    return this.fanOuts.has(deploymentId);
  }

  /** Hands a batch to the deployment's subscribers at the next tick; O(1) whatever their number. */
  publish(deploymentId: string, batch: LiveBatch<OutputRecord>) {
    const fanOut = this.fanOuts.get(deploymentId);
    if (!fanOut) return;
    fanOut.publish(batch);
    this.scheduleTick();
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

  /** Per subscription: drops and what engine.io holds for its socket (tests, bench). */
  stats() {
    return [...this.subs].flatMap(([socket, mine]) =>
      [...mine.entries()].map(([deploymentId, m]) => ({
        socketId: socket.id,
        deploymentId,
        dropped: m.droppedTotal,
        /** Dropped since its last batch: it gets this count with its next one. */
        missed: m.missed,
        /** Packets engine.io holds for this socket: at most the batch in flight (+ a ping). */
        pendingPackets: conn(socket).writeBuffer.length,
        /** False while the client has not taken what was sent before. */
        writable: conn(socket).transport.writable,
      })),
    );
  }

  /** Decodes, payloads and emissions for subscribers so far (tests, bench). */
  work(): FanOutWork {
    return [...this.fanOuts.values()].reduce((sum, f) => addWork(sum, f.work), {
      ...this.retired,
    });
  }

  async close(reason: string) {
    clearTimeout(this.tickTimer);
    this.io.emit("shutdown", { reason });
    // Sockets and engine.io only: the HTTP server is fastify's to close, after its hooks have
    // ended long-lived responses (io.close() would wait on them and never return).
    this.io.disconnectSockets(true);
    this.io.engine.close();
  }

  private accept(socket: Socket) {
    const mine = new Map<string, Member>();
    this.subs.set(socket, mine);
    socket.on("subscribe", async (raw: unknown, ack?: Ack) => {
      const reply = typeof ack === "function" ? ack : () => {};
      const parsed = Subscribe.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: parsed.error.issues[0]?.message });
      const { deploymentId, taps, maxRate } = parsed.data;
      const status = await this.options.lookup(deploymentId);
      if (status === undefined) return reply({ ok: false, error: "unknown deployment" });
      if (!this.subs.has(socket)) return reply({ ok: false, error: "disconnected" });
      await socket.join(room(deploymentId));
      this.leave(mine, deploymentId);
      const rate = Math.min(maxRate ?? this.defaultRate, this.maxRate);
      mine.set(deploymentId, this.fanOut(deploymentId).join(socket.id, rate, taps));
      this.memberships++;
      this.tapsChanged(deploymentId);
      reply({ ok: true, status });
    });
    socket.on("unsubscribe", async (raw: unknown) => {
      const deploymentId = (raw as { deploymentId?: string })?.deploymentId ?? "";
      if (!this.leave(mine, deploymentId)) return;
      this.tapsChanged(deploymentId);
      await socket.leave(room(deploymentId));
    });
    socket.on("disconnect", () => {
      this.subs.delete(socket);
      for (const id of [...mine.keys()]) {
        this.leave(mine, id);
        this.tapsChanged(id);
      }
    });
  }

  private fanOut(deploymentId: string): FanOut<OutputRecord> {
    let fanOut = this.fanOuts.get(deploymentId);
    if (!fanOut) {
      fanOut = new FanOut(deploymentId, this.capacity);
      this.fanOuts.set(deploymentId, fanOut);
    }
    return fanOut;
  }

  /** Ends a socket's membership of a deployment; false when it had none. */
  private leave(mine: Map<string, Member>, deploymentId: string): boolean {
    const member = mine.get(deploymentId);
    const fanOut = this.fanOuts.get(deploymentId);
    if (!member || !fanOut) return false;
    mine.delete(deploymentId);
    fanOut.leave(member);
    this.memberships--;
    if (fanOut.empty) {
      this.fanOuts.delete(deploymentId);
      addWork(this.retired, fanOut.work);
    }
    return true;
  }

  private tapsChanged(deploymentId: string) {
    this.options.onTapsChanged(deploymentId, this.fanOuts.get(deploymentId)?.taps() ?? []);
  }

  /** One tick at most every `interval` ms, more apart with many clients (`writesPerSecond`):
   *  soon after a commit when the last one is old enough. */
  private scheduleTick() {
    if (this.tickTimer) return;
    const spacing = Math.max(
      this.interval,
      Math.min(MAX_TICK_SPACING_MS, (1000 * this.memberships) / this.writesPerSecond),
    );
    const wait = Math.max(0, this.lastTick + spacing - Date.now());
    this.tickTimer = setTimeout(() => this.tick(), wait);
  }

  private tick() {
    this.tickTimer = undefined;
    this.lastTick = Date.now();
    let again = false;
    for (const fanOut of this.fanOuts.values()) {
      for (const e of fanOut.tick(this.lastTick, (m) => this.ready(m))) this.send(e);
      again ||= fanOut.hasWork();
    }
    // Busy clients are told what they missed once they drain.
    if (again) this.scheduleTick();
  }

  private ready(member: Member): boolean {
    const socket = this.io.sockets.sockets.get(member.id);
    return socket !== undefined && transportIdle(socket);
  }

  /** One emit per payload: socket.io encodes it once for all the sockets it goes to. */
  private send({ to, payload }: Emission<OutputRecord>) {
    this.io.to(to.map((m) => m.id)).emit("records", payload);
  }
}

function addWork(sum: FanOutWork, w: FanOutWork): FanOutWork {
  sum.decoded += w.decoded;
  sum.payloads += w.payloads;
  sum.emissions += w.emissions;
  return sum;
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
