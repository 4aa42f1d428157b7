// KStream#to: serializes and hands records to the task's collector. Windowed keys are written
// as the inner key with the window in headers; the partition follows Kafka's partitioner.

import type { Headers } from "../../log/log";
import { partitionFor } from "../../log/partitioner";
import { isWindowed, type ProcessorFactory, type TimeWindow } from "../../processor/processor";
import type { TaskContext } from "../../processor/task-context";
import type { Serde } from "../../serde/serde";

export type TopicNameExtractor = (key: any, value: any, ctx: TaskContext) => unknown;

export const WINDOW_START_HEADER = "riffle.window.start";
export const WINDOW_END_HEADER = "riffle.window.end";

export function sinkProcessor(
  topic: string | TopicNameExtractor,
  keySerde: Serde,
  valueSerde: Serde,
): ProcessorFactory {
  return (ctx) => {
    const fixed = typeof topic === "string" ? ctx.env.resolveTopic(topic) : undefined;
    const fixedPartitions = fixed === undefined ? 0 : ctx.env.partitionsOf(fixed);
    const windowHeaders = windowHeaderCache();
    return (key, value, timestamp) => {
      const name = fixed ?? legalTopicName((topic as TopicNameExtractor)(key, value, ctx));
      let headers = ctx.headers;
      let k = key;
      if (isWindowed(key)) {
        k = key.key;
        headers = windowHeaders(key.window, headers);
      }
      const keyBytes = keySerde.serialize(k);
      const partitions = fixed === undefined ? ctx.env.partitionsOf(name) : fixedPartitions;
      ctx.send({
        topic: name,
        partition: partitionFor(keyBytes, partitions),
        timestamp,
        key: keyBytes,
        value: valueSerde.serialize(value),
        headers,
      });
    };
  };
}

/**
 * The record's headers plus the window's. Updates of one window usually follow each other and
 * share its window object, so the last result is reused (headers are never mutated).
 */
function windowHeaderCache(): (window: TimeWindow, base: Headers | undefined) => Headers {
  let lastWindow: TimeWindow | undefined;
  let lastBase: Headers | undefined;
  let last: Headers = {};
  return (window, base) => {
    if (window === lastWindow && base === lastBase) return last;
    const own = {
      [WINDOW_START_HEADER]: String(window.start),
      [WINDOW_END_HEADER]: String(window.end),
    };
    lastWindow = window;
    lastBase = base;
    last = base === undefined ? own : { ...base, ...own };
    return last;
  };
}

const LEGAL_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;

/**
 * Kafka's topic name rules (Topic.validate): 1-249 of [a-zA-Z0-9._-], not "." or "..". A
 * dynamic sink's name that breaks them throws, so the task dead-letters that record alone.
 */
export function legalTopicName(name: unknown): string {
  if (typeof name !== "string" || !LEGAL_TOPIC.test(name) || name === "." || name === "..") {
    throw new Error(
      `dynamic sink: ${JSON.stringify(name ?? null)} is not a valid topic name (1-249 characters of a-z A-Z 0-9 . _ -)`,
    );
  }
  return name;
}
