// A socket.io test client that tallies what a subscriber sees, and can stop reading its TCP
// socket to play a browser tab that hangs.
import { io, type Socket } from "socket.io-client";

export interface Tally {
  socket: Socket;
  received: number;
  dropped: number;
  /** `records` events received. */
  batches: number;
  records: any[];
  metrics: any[];
  statuses: string[];
  subscribe(
    deploymentId: string,
    extra?: object,
  ): Promise<{ ok: boolean; status?: string; error?: string }>;
  /** Stops reading from the network (the kernel buffers fill, then the worker's writes stall). */
  stall(): void;
  resume(): void;
  close(): void;
}

export async function connect(
  url: string,
  options: { token?: string; keep?: number } = {},
): Promise<Tally> {
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: { token: options.token },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const keep = options.keep ?? 100;
  const t: Tally = {
    socket,
    received: 0,
    dropped: 0,
    batches: 0,
    records: [],
    metrics: [],
    statuses: [],
    subscribe: (deploymentId, extra = {}) =>
      socket.emitWithAck("subscribe", { deploymentId, ...extra }),
    stall: () => rawSocket(socket).pause(),
    resume: () => rawSocket(socket).resume(),
    close: () => socket.close(),
  };
  socket.on("records", (batch: { records: unknown[]; dropped: number }) => {
    t.batches++;
    t.received += batch.records.length;
    t.dropped += batch.dropped;
    if (t.records.length < keep) t.records.push(...batch.records.slice(0, keep - t.records.length));
  });
  socket.on("metrics", (m: unknown) => t.metrics.push(m));
  socket.on("status", (s: { status: string }) => t.statuses.push(s.status));
  return t;
}

function rawSocket(socket: Socket): { pause(): void; resume(): void } {
  return (socket.io.engine.transport as any).ws._socket;
}

/** Resolves once `check` holds, polling; rejects after `ms` with `what` in the message. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
