// A task's input partitions and the record to process next: the buffered head with the
// lowest timestamp, as Kafka Streams' PartitionGroup chooses, so joins and windows see stream
// time advance in timestamp order across topics rather than topic by topic.
import type { Log, LogRecord } from "../log/log";

export interface InputPartition {
  topic: string;
  partition: number;
  /** Next offset to fetch. */
  position: number;
  buffer: LogRecord[];
  head: number;
}

export function inputPartition(topic: string, partition: number, position: number): InputPartition {
  return { topic, partition, position, buffer: [], head: 0 };
}

/** Refills empty buffers; returns whether any partition has buffered records. */
export async function fetch(log: Log, inputs: InputPartition[], max: number): Promise<boolean> {
  let any = false;
  for (const input of inputs) {
    if (input.head >= input.buffer.length) {
      input.buffer = await log.read(input.topic, input.partition, input.position, max);
      input.head = 0;
      const last = input.buffer[input.buffer.length - 1];
      // Offsets may have gaps (compaction, retention): continue after the last one read.
      if (last) input.position = last.offset + 1;
    }
    if (input.head < input.buffer.length) any = true;
  }
  return any;
}

/**
 * Processes buffered records in timestamp order until one of the partitions that had data
 * runs dry (then its next batch must be fetched before choosing again). Partitions with no
 * data do not hold the others back: Kafka Streams' default max.task.idle.ms of 0.
 */
export function processRound(inputs: InputPartition[], process: (r: LogRecord) => void): number {
  const active = inputs.filter((i) => i.head < i.buffer.length);
  let count = 0;
  for (;;) {
    let best = active[0];
    for (let i = 1; i < active.length; i++) {
      const candidate = active[i];
      if (candidate.buffer[candidate.head].timestamp < best.buffer[best.head].timestamp)
        best = candidate;
    }
    if (!best) return count;
    process(best.buffer[best.head++]);
    count++;
    if (best.head >= best.buffer.length) return count;
  }
}
