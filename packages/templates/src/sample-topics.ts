// The topics the worker's sample generators write, declared once. Templates read from them,
// and the worker's generators are checked against these declarations. As in ksqlDB, the key
// column is not repeated among the value columns (extra JSON fields in a value are ignored).
import type { Column, Topic } from "@riffle/topology";

const columns = (spec: Record<string, string>): Column[] =>
  Object.entries(spec).map(([name, type]) => ({ name, type }));

function sampleTopic(
  name: string,
  partitions: number,
  key: Record<string, string>,
  value: Record<string, string>,
): Topic {
  return {
    name,
    partitions,
    keyFormat: "KAFKA",
    valueFormat: "JSON",
    key: columns(key),
    value: columns(value),
    valueUnwrapped: false,
  };
}

export const SAMPLE_TOPICS = {
  orders: sampleTopic(
    "orders",
    6,
    { orderId: "STRING" },
    {
      orderId: "STRING",
      customerId: "STRING",
      product: "STRING",
      quantity: "INT",
      amount: "DOUBLE",
      region: "STRING",
    },
  ),
  payments: sampleTopic(
    "payments",
    6,
    { orderId: "STRING" },
    {
      orderId: "STRING",
      customerId: "STRING",
      amount: "DOUBLE",
      method: "STRING",
    },
  ),
  customers: sampleTopic(
    "customers",
    6,
    { customerId: "STRING" },
    {
      name: "STRING",
      tier: "STRING",
      country: "STRING",
    },
  ),
  clicks: sampleTopic(
    "clicks",
    3,
    { userId: "STRING" },
    {
      userId: "STRING",
      sessionId: "STRING",
      page: "STRING",
      durationMs: "BIGINT",
    },
  ),
  sensors: sampleTopic(
    "sensors",
    3,
    { sensorId: "STRING" },
    {
      sensorId: "STRING",
      temperature: "DOUBLE",
      humidity: "DOUBLE",
      site: "STRING",
    },
  ),
} satisfies Record<string, Topic>;

export type SampleName = keyof typeof SAMPLE_TOPICS;

/** An output topic: the partition count of the input, a key column, JSON values. */
export function outputTopic(
  name: string,
  partitions: number,
  key: Record<string, string>,
  value: Record<string, string>,
): Topic {
  return sampleTopic(name, partitions, key, value);
}
