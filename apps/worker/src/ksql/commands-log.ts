// The commands log (ksqlDB's command topic): every accepted CREATE, DROP and TERMINATE is appended
// to `_riffle_commands` before it takes effect, and every worker of the service id replays it in
// order and follows it while running, so workers sharing the id converge on the same queries.
import { join } from "node:path";
import { DurableLog } from "@riffle/engine";
import lockfile from "proper-lockfile";
import { TopicLog } from "../services/topic-log";

export const COMMANDS_TOPIC = "_riffle_commands";

export interface Command {
  statement: string;
  properties: Record<string, string>;
}

export interface LoggedCommand extends Command {
  /** Offset in the commands topic: the command's sequence number. */
  sequence: number;
}

export interface CommandsLocation {
  serviceId: string;
  /** The shared commands directory; undefined keeps the commands on the worker's own log. */
  dir?: string;
}

/** Appends hold the lock file for seconds at most; a holder that died frees it after this. */
const LOCK_STALE_MS = 10_000;

export class CommandsLog {
  private constructor(
    private readonly topics: TopicLog,
    readonly serviceId: string,
    /** Set when other processes append too: appends are then serialised by a lock file. */
    private readonly sharedDir?: string,
  ) {}

  /** In `dir`, one LMDB environment per service id: LMDB lets several processes open it, and
   *  each sees the others' committed appends (ksqlDB: `_confluent-ksql-<id>_command_topic`).
   *  Without `dir`, the commands stay on the worker's own (in-memory) log. */
  static open(location: CommandsLocation, workerTopics: TopicLog): CommandsLog {
    if (location.dir === undefined) return new CommandsLog(workerTopics, location.serviceId);
    const dir = join(location.dir, location.serviceId);
    return new CommandsLog(new TopicLog(new DurableLog({ dir })), location.serviceId, dir);
  }

  /**
   * Runs `work` while no other worker of the service appends: it catches up, checks its
   * statement against the caught-up catalog and appends, so no command is checked against a
   * stale view (ksqlDB validates and produces in one transaction for the same reason).
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.sharedDir === undefined) return work();
    const release = await lockfile.lock(this.sharedDir, {
      lockfilePath: join(this.sharedDir, "append.lock"),
      stale: LOCK_STALE_MS,
      retries: { retries: 100, minTimeout: 10, maxTimeout: 200 },
    });
    try {
      return await work();
    } finally {
      await release();
    }
  }

  async append(command: Command): Promise<number> {
    await this.topics.declare(COMMANDS_TOPIC, 1);
    const [written] = await this.topics.append(COMMANDS_TOPIC, [
      { key: this.serviceId, value: command, partition: 0 },
    ]);
    return written!.offset;
  }

  /** The offset the next command will get. */
  async end(): Promise<number> {
    // A worker that never ran a statement has no commands topic; reading must not create one.
    if ((await this.topics.log.partitions(COMMANDS_TOPIC)) === undefined) return 0;
    return this.topics.log.endOffset(COMMANDS_TOPIC, 0);
  }

  /** This service's commands from offset `from` on, oldest first, and the offset after them. */
  async read(from = 0): Promise<{ commands: LoggedCommand[]; next: number }> {
    const end = await this.end();
    const commands: LoggedCommand[] = [];
    let offset = from;
    while (offset < end) {
      const batch = await this.topics.log.read(COMMANDS_TOPIC, 0, offset, 500);
      if (batch.length === 0) break;
      for (const r of batch) {
        const command = decodeCommand(r.key, r.value);
        if (command?.serviceId === this.serviceId)
          commands.push({ ...command.command, sequence: r.offset });
      }
      offset = batch[batch.length - 1]!.offset + 1;
    }
    return { commands, next: offset };
  }

  async close(): Promise<void> {
    if (this.sharedDir !== undefined) await this.topics.log.close();
  }
}

const decoder = new TextDecoder();

function decodeCommand(key: Uint8Array | null, value: Uint8Array | null) {
  if (!key || !value) return undefined;
  try {
    return {
      serviceId: decoder.decode(key),
      command: JSON.parse(decoder.decode(value)) as Command,
    };
  } catch {
    return undefined;
  }
}
