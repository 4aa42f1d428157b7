// Worker configuration, read once from the environment (documented in docs/worker.md).
// Invalid values stop the start with a message naming the variable.
import { join, resolve } from "node:path";
import { describeError, type KafkaConnection, kafkaConnectionFromEnv } from "@riffle/engine";
import { z } from "zod";

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("127.0.0.1"),
  RIFFLE_DATA_DIR: z.string().default(".riffle"),
  DATABASE_URL: z.string().url().optional(),
  KAFKA_BROKERS: z.string().optional(),
  RIFFLE_TOKEN: z.string().min(1).optional(),
  WEB_ORIGIN: z.string().default("http://localhost:3000"),
  RIFFLE_BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  RIFFLE_SAMPLES: z.enum(["on", "off"]).default("on"),
  RIFFLE_LOG: z.enum(["durable", "memory"]).default("durable"),
  RIFFLE_LIVE_RATE: z.coerce.number().int().min(1).default(200),
  RIFFLE_LIVE_BUFFER: z.coerce.number().int().min(1).default(2000),
  RIFFLE_KAFKA_RETRIES: z.coerce.number().int().min(0).default(8),
  RIFFLE_SERVICE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '_', '.' and '-' only")
    .default("riffle"),
  RIFFLE_COMMANDS_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** The `kafka` runtime's cluster: brokers with SSL/SASL as the engine reads them (KAFKA_*). */
export interface KafkaSettings {
  connection: KafkaConnection;
  /** Retries of an operational failure (unreachable brokers, missing topics) before `failed`. */
  retries: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Unset: the embedded PGlite database in `<dataDir>/db`. */
  databaseUrl?: string;
  kafkaBrokers: string[];
  /** Unset without KAFKA_BROKERS: deployments then run on the embedded log only. */
  kafka?: KafkaSettings;
  token?: string;
  webOrigins: string[];
  bodyLimit: number;
  /** The embedded log: on disk in `<dataDir>/log` (LMDB, the default: nothing lost on restart), or in memory. */
  log: "durable" | "memory";
  /** Start the sample generators at boot (embedded runtime only). */
  samples: boolean;
  /** Per live subscription: records a second unless it asks for more (up to 5,000), and most queued. */
  liveRate: number;
  liveBuffer: number;
  logLevel: string;
  /** Workers sharing it share one commands log and run the same queries (ksql.service.id). */
  serviceId: string;
  /** Holds one commands log per service id, shared by every worker that opens it. */
  commandsDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`invalid worker configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.RIFFLE_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    kafkaBrokers: splitList(e.KAFKA_BROKERS),
    kafka: kafkaSettings(env, e.RIFFLE_KAFKA_RETRIES),
    token: e.RIFFLE_TOKEN,
    webOrigins: splitList(e.WEB_ORIGIN),
    bodyLimit: e.RIFFLE_BODY_LIMIT,
    log: e.RIFFLE_LOG,
    samples: e.RIFFLE_SAMPLES === "on",
    liveRate: e.RIFFLE_LIVE_RATE,
    liveBuffer: e.RIFFLE_LIVE_BUFFER,
    logLevel: e.LOG_LEVEL,
    serviceId: e.RIFFLE_SERVICE_ID,
    commandsDir: resolve(e.RIFFLE_COMMANDS_DIR ?? join(e.RIFFLE_DATA_DIR, "commands")),
  };
}

/** SSL/SASL variables are checked here too, so a bad one stops the start, named. */
function kafkaSettings(env: NodeJS.ProcessEnv, retries: number): KafkaSettings | undefined {
  try {
    const connection = kafkaConnectionFromEnv(env);
    return connection && { connection, retries };
  } catch (err) {
    throw new Error(`invalid worker configuration:\n  ${describeError(err)}`);
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
