// The commands log: every accepted CREATE, DROP and TERMINATE is appended to `_riffle_commands`
// on the worker's log before it takes effect, keyed by service id (ksql.service.id), and a
// starting worker replays its service's commands in order, so workers sharing an id converge.
import type { TopicLog } from "../services/topic-log";

export const COMMANDS_TOPIC = "_riffle_commands";

export interface Command {
  statement: string;
  properties: Record<string, string>;
}

export interface LoggedCommand extends Command {
  /** Offset in the commands topic: the command's sequence number. */
  sequence: number;
}

export class CommandsLog {
  constructor(
    private readonly topics: TopicLog,
    readonly serviceId: string,
  ) {}

  async append(command: Command): Promise<number> {
    await this.topics.declare(COMMANDS_TOPIC, 1);
    const [written] = await this.topics.append(COMMANDS_TOPIC, [
      { key: this.serviceId, value: command, partition: 0 },
    ]);
    return written!.offset;
  }

  /** This service's commands, oldest first. */
  async read(): Promise<LoggedCommand[]> {
    const log = this.topics.log;
    // A worker that never ran a statement has no commands topic; replay must not create one.
    if ((await log.partitions(COMMANDS_TOPIC)) === undefined) return [];
    const end = await log.endOffset(COMMANDS_TOPIC, 0);
    const out: LoggedCommand[] = [];
    for (let offset = 0; offset < end; ) {
      const batch = await log.read(COMMANDS_TOPIC, 0, offset, 500);
      if (batch.length === 0) break;
      for (const r of batch) {
        const command = decodeCommand(r.key, r.value);
        if (command?.serviceId === this.serviceId)
          out.push({ ...command.command, sequence: r.offset });
      }
      offset = batch[batch.length - 1]!.offset + 1;
    }
    return out;
  }
}

const text = new TextDecoder();

function decodeCommand(key: Uint8Array | null, value: Uint8Array | null) {
  if (!key || !value) return undefined;
  try {
    return { serviceId: text.decode(key), command: JSON.parse(text.decode(value)) as Command };
  } catch {
    return undefined;
  }
}
