// One deployment's live output, fanned out to its subscribers at a tick rather than per record.
// Publishing keeps a reference to the batch: no work per record and none per subscriber. At a
// tick, subscribers with the same rate and taps (a sampling group: they get the same records)
// share one sample and one payload; each record is decoded at most once whatever the number of
// groups; a subscriber whose transport is still busy gets nothing, only a count of what it
// missed (newest-first dropping), sent with its next batch.
import { TokenBucket } from "./token-bucket";

/** Output published together (a commit's sink records, one tapped record), decoded on demand. */
export interface LiveBatch<R> {
  /** The tapped node whose output this is; undefined for sink output, which every subscriber gets. */
  tap?: string;
  size: number;
  record(index: number): R;
}

export interface Member {
  /** The socket's id. */
  readonly id: string;
  readonly group: Group;
  /** Records offered to this member that it did not get, not yet reported to it. */
  missed: number;
  droppedTotal: number;
}

export interface RecordsPayload<R> {
  deploymentId: string;
  records: R[];
  /** Records offered since the previous batch that are not in this one. */
  dropped: number;
}

/** One payload for `to`: several members when they share it, else one with its own count. */
export interface Emission<R> {
  to: Member[];
  payload: RecordsPayload<R>;
}

export interface Group {
  readonly key: string;
  readonly taps: ReadonlySet<string>;
  readonly bucket: TokenBucket;
  readonly members: Set<Member>;
}

/** Work done for subscribers, for tests and the bench: none of it grows with their number. */
export interface FanOutWork {
  /** Records decoded for subscribers (at most once per record). */
  decoded: number;
  /** Payloads built (one per group and tick; each is encoded once however many get it). */
  payloads: number;
  /** Emissions: shared payloads plus the few for a client that has a missed count to report. */
  emissions: number;
}

export class FanOut<R> {
  private pending: LiveBatch<R>[] = [];
  private readonly groups = new Map<string, Group>();
  readonly work: FanOutWork = { decoded: 0, payloads: 0, emissions: 0 };

  constructor(
    readonly deploymentId: string,
    /** The most records one batch carries to one subscriber. */
    private readonly capacity: number,
  ) {}

  get empty(): boolean {
    return this.groups.size === 0;
  }

  join(id: string, rate: number, taps: string[]): Member {
    const sorted = [...new Set(taps)].sort();
    const key = `${rate}|${sorted.join("\u0000")}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { key, taps: new Set(sorted), bucket: new TokenBucket(rate), members: new Set() };
      this.groups.set(key, group);
    }
    const member: Member = { id, group, missed: 0, droppedTotal: 0 };
    group.members.add(member);
    return member;
  }

  leave(member: Member) {
    member.group.members.delete(member);
    if (member.group.members.size === 0) this.groups.delete(member.group.key);
  }

  /** Every node some subscriber taps. */
  taps(): string[] {
    const union = new Set<string>();
    for (const g of this.groups.values()) for (const t of g.taps) union.add(t);
    return [...union];
  }

  members(): Member[] {
    return [...this.groups.values()].flatMap((g) => [...g.members]);
  }

  publish(batch: LiveBatch<R>) {
    if (batch.size > 0 && this.groups.size > 0) this.pending.push(batch);
  }

  /** Whether a tick has something to send or to report. */
  hasWork(): boolean {
    if (this.pending.length > 0) return true;
    for (const g of this.groups.values()) for (const m of g.members) if (m.missed > 0) return true;
    return false;
  }

  /** Samples what was published since the last tick; `ready` says who can take a batch now. */
  tick(now: number, ready: (member: Member) => boolean): Emission<R>[] {
    const batches = this.pending;
    this.pending = [];
    const decoded = new Map<LiveBatch<R>, R[]>();
    const emissions: Emission<R>[] = [];
    for (const group of this.groups.values()) {
      const { records, offered } = this.sample(group, batches, decoded, now);
      const payload = {
        deploymentId: this.deploymentId,
        records,
        dropped: offered - records.length,
      };
      const shared: Member[] = [];
      for (const m of group.members) {
        if (!ready(m)) {
          m.missed += offered;
          m.droppedTotal += offered;
          continue;
        }
        m.droppedTotal += payload.dropped;
        if (m.missed > 0) {
          emissions.push({ to: [m], payload: { ...payload, dropped: payload.dropped + m.missed } });
          m.missed = 0;
        } else if (offered > 0) shared.push(m);
      }
      if (offered > 0) this.work.payloads++;
      if (shared.length > 0) emissions.push({ to: shared, payload });
    }
    this.work.emissions += emissions.length;
    return emissions;
  }

  /** The group's records of this tick: the oldest its rate and the capacity allow. */
  private sample(
    group: Group,
    batches: LiveBatch<R>[],
    decoded: Map<LiveBatch<R>, R[]>,
    now: number,
  ) {
    const mine = batches.filter((b) => b.tap === undefined || group.taps.has(b.tap));
    const offered = mine.reduce((sum, b) => sum + b.size, 0);
    let left = group.bucket.take(Math.min(offered, this.capacity), now);
    const records: R[] = [];
    for (const batch of mine) {
      if (left === 0) break;
      const n = Math.min(left, batch.size);
      const prefix = this.decodedPrefix(batch, n, decoded);
      for (let i = 0; i < n; i++) records.push(prefix[i] as R);
      left -= n;
    }
    return { records, offered };
  }

  /** The first `n` records of a batch, decoded once per tick for every group. */
  private decodedPrefix(batch: LiveBatch<R>, n: number, decoded: Map<LiveBatch<R>, R[]>): R[] {
    let done = decoded.get(batch);
    if (!done) {
      done = [];
      decoded.set(batch, done);
    }
    while (done.length < n) {
      done.push(batch.record(done.length));
      this.work.decoded++;
    }
    return done;
  }
}
