// The deployment group's partition assigner, after Kafka Streams' StreamsPartitionAssignor rule:
// a task is (sub-topology, partition number) and all source-topic partitions of one partition
// number go to the same instance, so both sides of a join key meet in one task.
import { AssignerProtocol, type PartitionAssigner } from "kafkajs";

/** Partition numbers each member owns, per topic. */
export type CopartitionedAssignment = Map<string, Record<string, number[]>>;

export interface AssignerMember {
  memberId: string;
  /** Partition numbers the member owned before this rebalance (kept where balance allows). */
  previous: readonly number[];
}

const ascending = (a: number, b: number) => a - b;
const NAME = "RiffleCopartitionedAssigner";
const VERSION = 0;

/**
 * Gives each partition number p (0 up to the largest partition count) to one member, with
 * partition p of every topic that has one; members own floor or ceil of (numbers / members).
 * Members sorted by memberId make it deterministic; previous owners keep their numbers first.
 */
export function assignCopartitioned(
  members: readonly AssignerMember[],
  partitionCounts: Readonly<Record<string, number>>,
): CopartitionedAssignment {
  const sorted = [...members].sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  const numbers = Math.max(0, ...Object.values(partitionCounts));
  const owned = new Map(sorted.map(({ memberId }) => [memberId, [] as number[]]));
  const owner = new Set<number>();
  const base = Math.floor(numbers / Math.max(1, sorted.length));
  let extras = sorted.length === 0 ? 0 : numbers % sorted.length;
  /** Gives p to a member below `base`, or at `base` while an extra (ceil) slot is left. */
  const give = (memberId: string, p: number): boolean => {
    const mine = owned.get(memberId)!;
    if (owner.has(p) || mine.length > base) return false;
    if (mine.length === base) {
      if (extras === 0) return false;
      extras--;
    }
    mine.push(p);
    owner.add(p);
    return true;
  };
  const previous = (member: AssignerMember) =>
    [...member.previous]
      .filter((p) => Number.isInteger(p) && p >= 0 && p < numbers)
      .sort(ascending);
  // Stickiness: up to `base` previous numbers each, then one previous number per extra slot.
  for (const member of sorted) {
    for (const p of previous(member).slice(0, base)) give(member.memberId, p);
  }
  for (const member of sorted) previous(member).some((p) => give(member.memberId, p));
  for (let p = 0; p < numbers; p++) {
    if (!owner.has(p)) sorted.some(({ memberId }) => give(memberId, p));
  }
  return new Map(
    [...owned].map(([memberId, mine]) => [
      memberId,
      byTopic(mine.sort(ascending), partitionCounts),
    ]),
  );
}

function byTopic(
  numbers: number[],
  partitionCounts: Readonly<Record<string, number>>,
): Record<string, number[]> {
  const assignment: Record<string, number[]> = {};
  for (const [topic, count] of Object.entries(partitionCounts)) {
    const partitions = numbers.filter((p) => p < count);
    if (partitions.length > 0) assignment[topic] = partitions;
  }
  return assignment;
}

/** Previous partition numbers travel in the subscription's userData as a JSON array. */
function encodeNumbers(numbers: readonly number[]): Buffer {
  return Buffer.from(JSON.stringify([...new Set(numbers)].sort(ascending)));
}

function decodeNumbers(userData: Buffer | undefined): number[] {
  try {
    const parsed: unknown = JSON.parse(userData?.toString() || "[]");
    return Array.isArray(parsed) ? parsed.filter((p) => typeof p === "number") : [];
  } catch {
    // Another client's userData: no stickiness for that member, the assignment stays valid.
    return [];
  }
}

/**
 * The kafkajs assigner for deployment consumer groups; `owned` reports the partition numbers
 * this member holds now, sent along when it (re)joins so the leader can keep them in place.
 */
export function copartitionedAssigner(owned: () => readonly number[]): PartitionAssigner {
  return ({ cluster }) => ({
    name: NAME,
    version: VERSION,
    async assign({ members, topics }) {
      const partitionCounts = Object.fromEntries(
        topics.map((topic) => [topic, cluster.findTopicPartitionMetadata(topic).length]),
      );
      const assignment = assignCopartitioned(
        members.map(({ memberId, memberMetadata }) => ({
          memberId,
          previous: decodeNumbers(AssignerProtocol.MemberMetadata.decode(memberMetadata)?.userData),
        })),
        partitionCounts,
      );
      return [...assignment].map(([memberId, topicPartitions]) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: VERSION,
          assignment: topicPartitions,
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol({ topics }) {
      return {
        name: NAME,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: VERSION,
          topics,
          userData: encodeNumbers(owned()),
        }),
      };
    },
  });
}
