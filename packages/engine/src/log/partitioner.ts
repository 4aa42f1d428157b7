// Kafka's default partitioner: murmur2 of the serialized key, made positive, modulo the
// partition count. Using the same hash keeps Riffle's partitioning identical to Kafka's, so
// co-partitioning with topics written by other producers holds.

/** Kafka's `Utils.murmur2`. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  const m = 0x5bd1e995;
  let h = (0x9747b28c ^ length) | 0;
  const length4 = length >> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
  }
  const rest = length & 3;
  const base = length & ~3;
  if (rest === 3) h ^= data[base + 2] << 16;
  if (rest >= 2) h ^= data[base + 1] << 8;
  if (rest >= 1) {
    h ^= data[base];
    h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h | 0;
}

/** Partition for a key; null keys go to partition 0 (the sticky partitioner's choice is arbitrary). */
export function partitionFor(key: Uint8Array | null, partitions: number): number {
  if (key === null || partitions === 1) return 0;
  return (murmur2(key) & 0x7fffffff) % partitions;
}
