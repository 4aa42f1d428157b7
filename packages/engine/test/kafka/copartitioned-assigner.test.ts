// The deployment group's assigner without a cluster: Kafka Streams' rule that one task (a
// partition number) owns that partition of every source topic, balanced and deterministic.
import { AssignerProtocol, type Cluster, type Logger } from "kafkajs";
import { describe, expect, it } from "vitest";
import {
  type AssignerMember,
  assignCopartitioned,
  type CopartitionedAssignment,
  copartitionedAssigner,
} from "../../src/log/kafka/copartitioned-assigner";

const COUNTS = { orders: 6, payments: 6, customers: 3 };
const fresh = (...ids: string[]): AssignerMember[] =>
  ids.map((memberId) => ({ memberId, previous: [] }));

/** Member owning each topic's partition; undefined if none, throws if two. */
function owners(assignment: CopartitionedAssignment) {
  const owner = new Map<string, string>();
  for (const [memberId, topics] of assignment) {
    for (const [topic, partitions] of Object.entries(topics)) {
      for (const p of partitions) {
        const tp = `${topic}/${p}`;
        if (owner.has(tp)) throw new Error(`${tp} assigned twice`);
        owner.set(tp, memberId);
      }
    }
  }
  return owner;
}

const numbersOf = (assignment: CopartitionedAssignment, memberId: string) =>
  assignment.get(memberId)?.orders ?? [];

describe("co-partitioned assigner", () => {
  it("gives partition p of every subscribed topic to one member (Kafka Streams: a task owns the same partition of all its source topics), balanced over 3 members", () => {
    const assignment = assignCopartitioned(fresh("c", "a", "b"), COUNTS);
    const owner = owners(assignment);
    expect(owner.size).toBe(6 + 6 + 3);
    for (let p = 0; p < 6; p++) {
      expect(owner.get(`payments/${p}`)).toBe(owner.get(`orders/${p}`));
      if (p < 3) expect(owner.get(`customers/${p}`)).toBe(owner.get(`orders/${p}`));
    }
    expect([...assignment.keys()].sort()).toEqual(["a", "b", "c"]);
    for (const memberId of ["a", "b", "c"]) expect(numbersOf(assignment, memberId)).toHaveLength(2);
  });

  it("is deterministic: the same members in any order get the same assignment (members sorted by memberId)", () => {
    expect(assignCopartitioned(fresh("b", "c", "a"), COUNTS)).toEqual(
      assignCopartitioned(fresh("a", "b", "c"), COUNTS),
    );
  });

  it("spreads an uneven number of partition numbers as floor/ceil and leaves extra members idle", () => {
    const four = assignCopartitioned(fresh("a", "b", "c", "d"), COUNTS);
    expect(["a", "b", "c", "d"].map((m) => numbersOf(four, m).length).sort()).toEqual([1, 1, 2, 2]);
    const eight = assignCopartitioned(fresh(..."abcdefgh"), COUNTS);
    expect(owners(eight).size).toBe(15);
    expect([...eight.values()].filter((topics) => Object.keys(topics).length === 0)).toHaveLength(
      2,
    );
  });

  it("keeps partition numbers on their previous owner where balance allows (sticky, as Kafka Streams' assignor)", () => {
    const before = assignCopartitioned(fresh("a", "b"), COUNTS);
    const members = ["a", "b"].map((memberId) => ({
      memberId,
      previous: numbersOf(before, memberId),
    }));
    const after = assignCopartitioned([...members, { memberId: "0-new", previous: [] }], COUNTS);
    for (const { memberId, previous } of members) {
      const kept = numbersOf(after, memberId);
      expect(kept).toHaveLength(2);
      expect(kept.every((p) => previous.includes(p))).toBe(true);
    }
    expect(numbersOf(after, "0-new")).toHaveLength(2);
  });

  it("gives a contested previous partition number to one member only", () => {
    const members = [
      { memberId: "a", previous: [0, 1, 2] },
      { memberId: "b", previous: [0, 1, 2] },
    ];
    const assignment = assignCopartitioned(members, { orders: 4 });
    expect(numbersOf(assignment, "a")).toEqual([0, 1]);
    expect(numbersOf(assignment, "b")).toEqual([2, 3]);
  });

  it("carries each member's partition numbers through the group protocol's userData, so the leader keeps them in place (sticky)", async () => {
    const cluster = {
      findTopicPartitionMetadata: (topic: string) =>
        Array.from({ length: COUNTS[topic as keyof typeof COUNTS] }, (_, partitionId) => ({
          partitionId,
        })),
    } as unknown as Cluster;
    const topics = Object.keys(COUNTS);
    const holding: Record<string, number[]> = { a: [4, 5], b: [0, 1], c: [2, 3] };
    const members = Object.entries(holding).map(([memberId, numbers]) => ({
      memberId,
      memberMetadata: copartitionedAssigner(() => numbers)({
        cluster,
        groupId: "app",
        logger: {} as Logger,
      }).protocol({ topics }).metadata,
    }));
    const leader = copartitionedAssigner(() => [])({
      cluster,
      groupId: "app",
      logger: {} as Logger,
    });
    const assignments = await leader.assign({ members, topics });
    const decoded = Object.fromEntries(
      assignments.map(({ memberId, memberAssignment }) => [
        memberId,
        AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment,
      ]),
    );
    expect(decoded).toEqual({
      a: { orders: [4, 5], payments: [4, 5] },
      b: { orders: [0, 1], payments: [0, 1], customers: [0, 1] },
      c: { orders: [2, 3], payments: [2, 3], customers: [2] },
    });
  });
});
