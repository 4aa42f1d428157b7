// ksqlDB's CommandRunner: applies the service's commands log in order, remembering how far this
// worker has got, and appends a new command only once every earlier one has been applied here.
import type { FastifyBaseLogger } from "fastify";
import type { Command, CommandsLog, LoggedCommand } from "./commands-log";

export class CommandRunner {
  /** Offset of the next command in the commands log this worker has not applied yet. */
  private position = 0;

  constructor(
    private readonly commands: CommandsLog,
    /** Applies one command; a throw means it no longer applies here, and it is skipped. */
    private readonly apply: (command: LoggedCommand) => Promise<void>,
    private readonly logger: FastifyBaseLogger,
  ) {}

  get serviceId(): string {
    return this.commands.serviceId;
  }

  /** Applies what was appended since the last call (by any worker); cheap when nothing was. */
  async catchUp(): Promise<number> {
    if ((await this.commands.end()) <= this.position) return 0;
    const { commands, next } = await this.commands.read(this.position);
    for (const c of commands) {
      try {
        await this.apply(c);
      } catch (err) {
        this.logger.warn({ err, statement: c.statement }, "commands log: statement skipped");
      }
    }
    this.position = next;
    return commands.length;
  }

  /**
   * Under the service's append lock: catches up, lets `check` judge the statement against that
   * up-to-date state, and appends it when `check` says it is to be logged. The caller applies it
   * (with the returned sequence, -1 when not logged) after the lock is released.
   */
  admit<C extends { logged: boolean }>(
    command: Command,
    check: () => Promise<C>,
  ): Promise<{ checked: C; sequence: number }> {
    return this.commands.exclusive(async () => {
      await this.catchUp();
      const checked = await check();
      if (!checked.logged) return { checked, sequence: -1 };
      const sequence = await this.commands.append(command);
      this.position = sequence + 1;
      return { checked, sequence };
    });
  }
}
