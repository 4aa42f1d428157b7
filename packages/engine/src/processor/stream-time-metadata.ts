// Stream time carried across a restart or a handover in the committed offset's metadata, in
// Kafka Streams' format (StreamTask#encodeTimestamp: base64 of a version byte 1 and the 64-bit
// partition time), so a task that resumes keeps the stream time it had reached.
const VERSION = 1;

/** Commit metadata for a task's stream time; null while the task has seen no record. */
export function encodeStreamTime(streamTime: number): string | null {
  if (!Number.isFinite(streamTime)) return null;
  const bytes = Buffer.alloc(9);
  bytes.writeInt8(VERSION, 0);
  bytes.writeBigInt64BE(BigInt(Math.trunc(streamTime)), 1);
  return bytes.toString("base64");
}

/** The stream time in commit metadata; -Infinity when absent or not written by a stream task. */
export function decodeStreamTime(metadata: string | null | undefined): number {
  if (!metadata) return Number.NEGATIVE_INFINITY;
  const bytes = Buffer.from(metadata, "base64");
  // Kafka Streams' version 2 appends more fields after the same first nine bytes.
  if (bytes.length < 9 || bytes.readInt8(0) < VERSION) return Number.NEGATIVE_INFINITY;
  return Number(bytes.readBigInt64BE(1));
}
