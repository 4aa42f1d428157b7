// Group commit for the embedded log: appends that arrive in one event-loop turn share one log
// transaction, so on the durable log a hundred small produce requests a second cost a few syncs,
// not a hundred (each sync blocks the process). A failed group is retried request by request,
// so a bad request fails alone: the log must apply an append all or nothing (the durable log
// does, in one LMDB transaction).
import type { Log, LogRecord, ProducerRecord } from "@riffle/engine";

interface Pending {
  records: ProducerRecord[];
  resolve(written: LogRecord[]): void;
  reject(error: unknown): void;
}

export class AppendBatcher {
  private pending: Pending[] = [];
  private scheduled: Promise<void> | undefined;

  constructor(private readonly log: Pick<Log, "append">) {}

  /** Resolves with this call's records as written, in order, once their group is durable. */
  append(records: ProducerRecord[]): Promise<LogRecord[]> {
    return new Promise((resolve, reject) => {
      this.pending.push({ records, resolve, reject });
      this.scheduled ??= new Promise((done) => setImmediate(() => this.flush().then(done)));
    });
  }

  /** Resolves once every append accepted so far reached the log (before it is closed). */
  async flushed(): Promise<void> {
    await this.scheduled;
  }

  private async flush() {
    const group = this.pending;
    this.pending = [];
    this.scheduled = undefined;
    if (group.length === 1) return this.alone(group[0]!);
    try {
      const written = await this.log.append(group.flatMap((p) => p.records));
      let at = 0;
      for (const p of group) {
        p.resolve(written.slice(at, at + p.records.length));
        at += p.records.length;
      }
    } catch {
      await Promise.all(group.map((p) => this.alone(p)));
    }
  }

  private alone(p: Pending): Promise<void> {
    return this.log.append(p.records).then(p.resolve, p.reject);
  }
}
