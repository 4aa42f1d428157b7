// KAFKA_* environment parsing and the pure co-partitioning and backoff rules.
import { describe, expect, it } from "vitest";
import {
  backoffMs,
  checkCoPartitioning,
  internalTopicName,
  kafkaConnectionFromEnv,
} from "../../src/log/kafka";

describe("kafkaConnectionFromEnv", () => {
  it("uses the embedded log (undefined) when KAFKA_BROKERS is unset or blank", () => {
    expect(kafkaConnectionFromEnv({})).toBeUndefined();
    expect(kafkaConnectionFromEnv({ KAFKA_BROKERS: "  " })).toBeUndefined();
  });

  it("passes brokers, client id, TLS and SASL through", () => {
    expect(
      kafkaConnectionFromEnv({
        KAFKA_BROKERS: "kafka-1:9092, kafka-2:9093",
        KAFKA_CLIENT_ID: "worker-a",
        KAFKA_SSL: "true",
        KAFKA_SASL_MECHANISM: "SCRAM-SHA-512",
        KAFKA_SASL_USERNAME: "riffle",
        KAFKA_SASL_PASSWORD: "secret",
      }),
    ).toEqual({
      brokers: ["kafka-1:9092", "kafka-2:9093"],
      clientId: "worker-a",
      ssl: true,
      sasl: { mechanism: "scram-sha-512", username: "riffle", password: "secret" },
    });
  });

  it.each([
    [{ KAFKA_BROKERS: "kafka-1" }, "KAFKA_BROKERS: 'kafka-1' is not host:port"],
    [{ KAFKA_BROKERS: "k:9092", KAFKA_SSL: "yes" }, "KAFKA_SSL: 'yes' is not true/false"],
    [
      { KAFKA_BROKERS: "k:9092", KAFKA_SASL_MECHANISM: "gssapi" },
      "KAFKA_SASL_MECHANISM: 'gssapi' is not one of plain, scram-sha-256, scram-sha-512",
    ],
    [
      { KAFKA_BROKERS: "k:9092", KAFKA_SASL_MECHANISM: "plain" },
      "KAFKA_SASL_USERNAME: required with KAFKA_SASL_MECHANISM",
    ],
    [
      { KAFKA_BROKERS: "k:9092", KAFKA_SSL_CA_FILE: "/no/such/ca.pem" },
      "KAFKA_SSL_CA_FILE: cannot read '/no/such/ca.pem'",
    ],
  ])("refuses bad settings naming the variable: %o", (env, message) => {
    expect(() => kafkaConnectionFromEnv(env)).toThrow(message);
  });
});

describe("co-partitioning and naming rules", () => {
  it("Kafka Streams TopologyException: join inputs with different partition counts are refused", () => {
    const counts = new Map([
      ["orders", 6],
      ["payments", 3],
      ["customers", 6],
    ]);
    expect(() => checkCoPartitioning(counts, [{ topics: ["orders", "customers"] }])).not.toThrow();
    expect(() =>
      checkCoPartitioning(counts, [{ nodeId: "j1", topics: ["orders", "payments"] }]),
    ).toThrow("Topics not co-partitioned: [orders=6, payments=3] (node j1)");
  });

  it("names internal topics <application.id>-<name>-repartition|changelog as Kafka Streams does", () => {
    expect(internalTopicName("shop", "by-customer", "repartition")).toBe(
      "shop-by-customer-repartition",
    );
    expect(internalTopicName("shop", "counts", "changelog")).toBe("shop-counts-changelog");
  });

  it("backs off exponentially up to the cap", () => {
    const policy = { retries: 10, initialMs: 100, maxMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(policy, attempt))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});
