// Serdes for declared topics, following ksqlDB's formats: KAFKA keys/values are the primitive
// serdes of their single column's type, JSON is JSON, DELIMITED is CSV over the columns.
import type { Column, SerdeFormat, Topic } from "@riffle/topology";
import { delimitedSerde } from "../serde/delimited-serde";
import { jsonSerde } from "../serde/json-serde";
import { doubleSerde, intSerde, longSerde } from "../serde/number-serdes";
import type { Serde } from "../serde/serde";
import { stringSerde } from "../serde/string-serde";

function kafkaSerde(columns: Column[]): Serde {
  const type = columns.length === 1 ? columns[0].type.toUpperCase() : "STRING";
  if (type === "BIGINT" || type === "TIMESTAMP") return longSerde() as Serde;
  if (type === "INT") return intSerde() as Serde;
  if (type === "DOUBLE") return doubleSerde() as Serde;
  if (type === "BYTES") return jsonSerde();
  return stringSerde() as Serde;
}

function unwrap(serde: Serde<Record<string, unknown>>, column: string): Serde {
  return {
    name: serde.name,
    serialize: (v) => serde.serialize(v === null ? null : { [column]: v }),
    deserialize: (b) => serde.deserialize(b)?.[column] ?? null,
  };
}

function serdeFor(format: SerdeFormat, columns: Column[], unwrapped: boolean): Serde {
  if (format === "KAFKA") return kafkaSerde(columns);
  if (format === "DELIMITED") {
    const csv = delimitedSerde(columns) as Serde<Record<string, unknown>>;
    return unwrapped && columns.length === 1 ? unwrap(csv, columns[0].name) : (csv as Serde);
  }
  return jsonSerde();
}

export function topicSerdes(topic: Topic | undefined): { keySerde: Serde; valueSerde: Serde } {
  if (!topic) return { keySerde: jsonSerde(), valueSerde: jsonSerde() };
  return {
    keySerde: serdeFor(topic.keyFormat, topic.key, topic.key.length === 1),
    valueSerde: serdeFor(topic.valueFormat, topic.value, topic.valueUnwrapped),
  };
}

/**
 * ksqlDB keeps a query's KEY_FORMAT from its source: a new key is written in the format of the
 * key it replaces (a KAFKA string key stays a plain string, not JSON), so re-keyed data still
 * co-partitions with tables keyed the same way.
 */
export function inheritedKeySerde(previous: Serde, key: Column[]): Serde {
  const format: SerdeFormat =
    previous.name === "JSON" ? "JSON" : previous.name === "DELIMITED" ? "DELIMITED" : "KAFKA";
  return serdeFor(format, key, key.length === 1);
}
