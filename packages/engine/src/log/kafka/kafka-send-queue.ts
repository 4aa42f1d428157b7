// The producer side of the fetch/produce pipeline: outputs are queued while the previous send is
// in flight and go out together in the next one, so processing never waits for an
// acknowledgement and records keep their order (kafkajs does not order concurrent sends).
import type { Producer, Transaction } from "kafkajs";
import { type OutgoingRecord, toTopicMessages } from "./kafka-record";

/** Records queued beyond this make the caller wait for the send in flight (backpressure). */
const MAX_QUEUED = 20_000;

export class SendQueue {
  private queued: OutgoingRecord[] = [];
  private acknowledgements: (() => void)[] = [];
  private flushing: Promise<void> | undefined;
  /** The first failed send; nothing sent after it may be trusted until the queue is reset. */
  failure: unknown;

  constructor(private readonly sender: () => Promise<Producer | Transaction>) {}

  /** Queues records; `acknowledged` runs once they (and everything before them) are written. */
  async add(records: readonly OutgoingRecord[], acknowledged?: () => void): Promise<void> {
    for (const record of records) this.queued.push(record);
    if (acknowledged) this.acknowledgements.push(acknowledged);
    // finally() always runs later, so an empty drain cannot leave `flushing` set.
    this.flushing ??= this.drain().finally(() => {
      this.flushing = undefined;
    });
    if (this.queued.length > MAX_QUEUED) await this.flushing;
  }

  /** Resolves once everything queued so far was acknowledged (or failed: see `failure`). */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** Forgets queued records and the failure (the consumer restarts from committed offsets). */
  reset(): void {
    this.queued = [];
    this.acknowledgements = [];
    this.failure = undefined;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queued.length > 0 || this.acknowledgements.length > 0) {
        const records = this.queued.splice(0);
        const acknowledgements = this.acknowledgements.splice(0);
        if (records.length > 0) {
          const sender = await this.sender();
          await sender.sendBatch({ topicMessages: toTopicMessages(records) });
        }
        for (const acknowledged of acknowledgements) acknowledged();
      }
    } catch (error) {
      this.failure ??= error;
      this.queued = [];
      this.acknowledgements = [];
    }
  }
}
