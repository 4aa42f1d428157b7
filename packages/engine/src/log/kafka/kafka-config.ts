// How Riffle reaches a Kafka cluster: brokers plus SSL/SASL options, read from the environment
// (KAFKA_*) so the worker, tests and docker-compose configure it the same way.
import { readFileSync } from "node:fs";
import { KafkaLogError } from "./kafka-error";

export type SaslMechanism = "plain" | "scram-sha-256" | "scram-sha-512";

export interface KafkaConnection {
  brokers: string[];
  clientId: string;
  /** true for TLS with the system CAs, or an explicit CA bundle (PEM). */
  ssl?: boolean | { ca: string[]; rejectUnauthorized: boolean };
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
  /** Milliseconds to wait for a TCP connection to a broker; kafkajs defaults to 1000. */
  connectionTimeout?: number;
}

const MECHANISMS: readonly SaslMechanism[] = ["plain", "scram-sha-256", "scram-sha-512"];

function configError(variable: string, message: string): KafkaLogError {
  return new KafkaLogError("KAFKA_CONFIG", "user", `${variable}: ${message}`, { variable });
}

/** Parses "host:port,host:port"; every entry must name a port. */
export function parseBrokers(text: string, variable = "KAFKA_BROKERS"): string[] {
  const brokers = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (brokers.length === 0) throw configError(variable, "no broker given (expected host:port,...)");
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker) && !/^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(broker)) {
      throw configError(variable, `'${broker}' is not host:port`);
    }
  }
  return brokers;
}

function flag(env: NodeJS.ProcessEnv, variable: string): boolean {
  const value = (env[variable] ?? "").trim().toLowerCase();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw configError(variable, `'${env[variable]}' is not true/false`);
}

function sslFromEnv(env: NodeJS.ProcessEnv): KafkaConnection["ssl"] {
  const caFile = env.KAFKA_SSL_CA_FILE;
  const rejectUnauthorized = !flag(env, "KAFKA_SSL_INSECURE");
  if (caFile) {
    try {
      return { ca: [readFileSync(caFile, "utf8")], rejectUnauthorized };
    } catch (error) {
      throw configError(
        "KAFKA_SSL_CA_FILE",
        `cannot read '${caFile}': ${(error as Error).message}`,
      );
    }
  }
  if (!rejectUnauthorized) return { ca: [], rejectUnauthorized };
  return flag(env, "KAFKA_SSL") || undefined;
}

function saslFromEnv(env: NodeJS.ProcessEnv): KafkaConnection["sasl"] {
  const mechanism = env.KAFKA_SASL_MECHANISM?.trim().toLowerCase();
  if (!mechanism) return undefined;
  if (!MECHANISMS.includes(mechanism as SaslMechanism)) {
    throw configError(
      "KAFKA_SASL_MECHANISM",
      `'${mechanism}' is not one of ${MECHANISMS.join(", ")}`,
    );
  }
  const username = env.KAFKA_SASL_USERNAME;
  const password = env.KAFKA_SASL_PASSWORD;
  if (!username) throw configError("KAFKA_SASL_USERNAME", "required with KAFKA_SASL_MECHANISM");
  if (password === undefined) {
    throw configError("KAFKA_SASL_PASSWORD", "required with KAFKA_SASL_MECHANISM");
  }
  return { mechanism: mechanism as SaslMechanism, username, password };
}

/**
 * Reads the connection from KAFKA_BROKERS, KAFKA_CLIENT_ID, KAFKA_SSL, KAFKA_SSL_CA_FILE,
 * KAFKA_SSL_INSECURE, KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD.
 * Returns undefined when KAFKA_BROKERS is unset (the embedded log is used then).
 * @example kafkaConnectionFromEnv({ KAFKA_BROKERS: "localhost:9092" })
 */
export function kafkaConnectionFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): KafkaConnection | undefined {
  const brokers = env.KAFKA_BROKERS;
  if (brokers === undefined || brokers.trim() === "") return undefined;
  const connection: KafkaConnection = {
    brokers: parseBrokers(brokers),
    clientId: env.KAFKA_CLIENT_ID?.trim() || "riffle",
  };
  const ssl = sslFromEnv(env);
  const sasl = saslFromEnv(env);
  if (ssl !== undefined) connection.ssl = ssl;
  if (sasl !== undefined) connection.sasl = sasl;
  return connection;
}
