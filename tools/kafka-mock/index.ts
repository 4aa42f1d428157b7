// Starts librdkafka's mock Kafka cluster (mock-cluster.c) from tests and benches, compiling
// the launcher on demand so a fresh checkout needs only librdkafka-dev, gcc and pkg-config.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, renameSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const SOURCE = join(here, "mock-cluster.c");
const BINARY = join(here, "build", "mock-cluster");

export interface MockClusterOptions {
  /** Number of brokers (ids 1..N); default 1. */
  brokers?: number;
  /** Topics created before the bootstrap address is reported, with exact partition counts. */
  topics?: Record<string, number>;
}

export interface MockCluster {
  /** Comma-separated `host:port` list for `KAFKA_BROKERS` / kafkajs `brokers`. */
  bootstrap: string;
  /** Drops broker `id` (-1: all) until `brokerUp`; partitions it leads become unreachable. */
  brokerDown(id: number): Promise<void>;
  brokerUp(id: number): Promise<void>;
  /** Creates a topic while running (the mock refuses admin CreateTopics). */
  createTopic(name: string, partitions: number): Promise<void>;
  /** Answers the next request of protocol `apiKey` (any broker, any client) with `errorCode`. */
  failNextRequest(apiKey: number, errorCode: number): Promise<void>;
  stop(): Promise<void>;
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

/** Compiles the launcher when missing or older than its source; returns its path. */
export function ensureMockClusterBinary(): string {
  if (modifiedAt(BINARY) >= modifiedAt(SOURCE)) return BINARY;
  mkdirSync(dirname(BINARY), { recursive: true });
  const flags = execFileSync("pkg-config", ["--cflags", "--libs", "rdkafka"], { encoding: "utf8" })
    .trim()
    .split(/\s+/);
  // Compile to a private name and rename, so parallel test files never run a half-written file.
  const partial = `${BINARY}.${process.pid}.tmp`;
  execFileSync("gcc", ["-O2", "-Wall", "-o", partial, SOURCE, ...flags], { stdio: "inherit" });
  renameSync(partial, BINARY);
  return BINARY;
}

/**
 * Starts a mock cluster on ephemeral loopback ports.
 * @example
 * const cluster = await startMockCluster({ brokers: 3, topics: { orders: 6, payments: 3 } });
 * // ... new Kafka({ brokers: cluster.bootstrap.split(",") })
 * await cluster.stop();
 */
export async function startMockCluster(options: MockClusterOptions = {}): Promise<MockCluster> {
  const specs = Object.entries(options.topics ?? {}).map(([name, count]) => `${name}:${count}`);
  const child = spawn(
    ensureMockClusterBinary(),
    ["--brokers", String(options.brokers ?? 1), ...specs],
    {
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) =>
      reject(new Error(`mock-cluster exited with ${code}: ${stderr.trim()}`)),
    ),
  );
  exited.catch(() => undefined);
  const nextLine = async (): Promise<string> => {
    const line = await Promise.race([lines.next(), exited]);
    if (line.done) throw new Error(`mock-cluster closed its output: ${stderr.trim()}`);
    return line.value;
  };
  const bootstrap = await nextLine();
  // Commands are answered in order, one line each; chain them so answers pair with requests.
  let queue: Promise<unknown> = Promise.resolve();
  const command = (line: string): Promise<void> => {
    const run = queue.then(async () => {
      child.stdin.write(`${line}\n`);
      const answer = await nextLine();
      if (answer !== "ok") throw new Error(`mock-cluster '${line}': ${answer}`);
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    bootstrap,
    brokerDown: (id) => command(`down ${id}`),
    brokerUp: (id) => command(`up ${id}`),
    createTopic: (name, partitions) => command(`topic ${name}:${partitions}`),
    failNextRequest: (apiKey, errorCode) => command(`fail ${apiKey} ${errorCode}`),
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.stdin.end();
      await gone;
    },
  };
}
