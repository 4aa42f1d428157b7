// Runs ksqlDB statements in order. Each statement is checked first; only an accepted CREATE,
// DROP or TERMINATE is then appended to the commands log (command-runner.ts, which also applies
// what other workers of the service append), and only then takes effect. A
// persistent query (CSAS, CTAS, INSERT INTO ... SELECT) is a worker deployment of a topology
// named `ksql/<service id>/<query id>`, so the studio shows it like one drawn on the canvas.
import { splitStatements } from "@riffle/sql";
import type { FastifyBaseLogger } from "fastify";
import type { Services } from "../http/types";
import { declarationOf, KsqlCatalog, type PersistentQuery } from "./catalog";
import { CommandRunner } from "./command-runner";
import type { CommandsLog } from "./commands-log";
import { insertValues } from "./insert-values";
import { type ExistingTopics, type Origin, planSql } from "./plan-sql";
import {
  describeSource,
  listQueries,
  listSources,
  listTopics,
  SQL_TOPOLOGY_PREFIX,
} from "./responses";
import { errorBody, StatementError, type StatementErrorBody } from "./statement-error";
import { changesWhatRuns, classify, type Statement } from "./statement-kind";

export type Properties = Record<string, string>;

/** A checked statement: whether it goes to the commands log, and its effect. */
interface Checked {
  logged: boolean;
  apply(sequence: number): Promise<object | undefined>;
}

export type ExecuteResult =
  | { ok: true; results: object[] }
  | { ok: false; error: StatementErrorBody };

export class KsqlExecutor {
  readonly catalog = new KsqlCatalog();
  private readonly runner: CommandRunner;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly services: Services,
    commands: CommandsLog,
    logger: FastifyBaseLogger,
  ) {
    this.runner = new CommandRunner(
      commands,
      async (c) => {
        const checked = await this.check(c.statement, { line: 1, column: 1 }, c.properties);
        await checked.apply(c.sequence);
      },
      logger,
    );
  }

  /** Runs a request's statements one after another; requests never interleave. */
  execute(script: string, properties: Properties): Promise<ExecuteResult> {
    return this.enqueue(() => this.run(script, { ...properties }));
  }

  /** Replays this service's commands log in order; a command that no longer applies is skipped. */
  replay(): Promise<number> {
    return this.enqueue(async () => {
      const applied = await this.runner.catchUp();
      await this.releaseOtherServices();
      return applied;
    });
  }

  /** Applies commands other workers of the service appended since the last look (ksqlDB's
   *  CommandRunner); cheap when there are none. */
  follow(): Promise<number> {
    return this.enqueue(() => this.runner.catchUp());
  }

  /** Resolves once every statement and command taken so far has been handled. */
  idle(): Promise<void> {
    return this.enqueue(async () => {});
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => {});
    return run;
  }

  /** Deployments another service id's commands created are its cluster's, not this one's,
   *  even when the database this worker resumed from says they run. */
  private async releaseOtherServices() {
    const mine = `${SQL_TOPOLOGY_PREFIX}${this.runner.serviceId}/`;
    for (const t of await this.services.topologies.list()) {
      if (t.name.startsWith(SQL_TOPOLOGY_PREFIX) && !t.name.startsWith(mine)) {
        await this.services.deployments.stopAllOf(t.id);
      }
    }
  }

  private async run(script: string, properties: Properties): Promise<ExecuteResult> {
    const results: object[] = [];
    await this.runner.catchUp();
    for (const s of splitStatements(script)) {
      try {
        const { checked, sequence } = await this.admit(s.text, s, properties);
        const result = await checked.apply(sequence);
        // ksqlDB's commandSequenceNumber: where the statement sits in the commands log.
        const logged = sequence >= 0 ? { commandSequenceNumber: sequence } : {};
        if (result) results.push({ statementText: s.text, warnings: [], ...result, ...logged });
      } catch (err) {
        const error =
          err instanceof StatementError
            ? err
            : new StatementError((err as Error).message ?? String(err), s.line, s.column, 50000);
        return { ok: false, error: errorBody(error, s.text) };
      }
    }
    return { ok: true, results };
  }

  /** Checks a statement and, when it changes what runs, appends it to the commands log first:
   *  under the service's append lock, against a catalog caught up with every earlier command. */
  private async admit(text: string, origin: Origin, properties: Properties) {
    const stmt = recognise(text, origin);
    if (!changesWhatRuns(stmt)) {
      return { checked: await this.checkKind(stmt, text, origin, properties), sequence: -1 };
    }
    return this.runner.admit({ statement: text, properties }, () =>
      this.checkKind(stmt, text, origin, properties),
    );
  }

  private check(text: string, origin: Origin, properties: Properties): Promise<Checked> {
    return this.checkKind(recognise(text, origin), text, origin, properties);
  }

  private async checkKind(
    stmt: Statement,
    text: string,
    origin: Origin,
    props: Properties,
  ): Promise<Checked> {
    const { catalog, services } = this;
    switch (stmt.kind) {
      case "create-source":
        return this.checkCreateSource(text, origin, await this.services.topics.list());
      case "create-as-select":
      case "insert-select":
        return this.checkPersistentQuery(stmt, text, origin, await this.services.topics.list());
      case "insert-values":
        return local(() => insertValues(catalog, services.topics, stmt, origin));
      case "show":
        return local(async () => {
          if (stmt.what === "QUERIES") return listQueries(catalog, services);
          if (stmt.what === "TOPICS") return listTopics(services);
          if (stmt.what === "PROPERTIES")
            return { "@type": "properties", properties: { ...props } };
          return listSources(catalog, stmt.what);
        });
      case "describe":
        return local(async () =>
          describeSource(catalog, this.source(stmt.name, origin), stmt.extended),
        );
      case "explain":
        return local(async () => explain(this.query(stmt.queryId, origin)));
      case "terminate":
        return this.checkTerminate(stmt.queryId, origin);
      case "drop":
        return this.checkDrop(stmt, origin);
      case "set":
        return local(async () => {
          props[stmt.property] = stmt.value;
          return status(
            `Successfully changed local property '${stmt.property}' to '${stmt.value}'.`,
          );
        });
      case "unset":
        return local(async () => {
          delete props[stmt.property];
          return status(`Successfully unset local property '${stmt.property}'.`);
        });
      case "select":
        throw new StatementError(
          "The following statement types should be issued to the '/query-stream' endpoint: SELECT",
          origin.line,
          origin.column,
        );
    }
  }

  private checkCreateSource(text: string, origin: Origin, existing: ExistingTopics): Checked {
    const planned = planSql(this.catalog, text, origin, "ksql", existing);
    for (const t of planned.document.topics) {
      const found = existing.find((e) => e.name === t.name);
      if (found && found.partitions !== t.partitions) {
        throw new StatementError(
          `A Kafka topic with the name '${t.name}' already exists, with different partition/replica configuration than required. KSQL expects ${t.partitions} partitions (topic has ${found.partitions}).`,
          origin.line,
          origin.column,
        );
      }
    }
    return {
      logged: true,
      apply: async () => {
        for (const s of planned.added) {
          const topic = planned.document.topics.find((t) => t.name === s.topic);
          const partitions = topic?.partitions ?? 1;
          await this.services.topics.declare(s.topic, partitions);
          this.catalog.sources.set(s.name, { summary: s, declaration: text, partitions });
        }
        const s = planned.added[0];
        return status(`${s?.kind === "TABLE" ? "Table" : "Stream"} created`);
      },
    };
  }

  private checkPersistentQuery(
    stmt: Extract<Statement, { kind: "create-as-select" | "insert-select" }>,
    text: string,
    origin: Origin,
    existing: ExistingTopics,
  ): Checked {
    const sink = stmt.kind === "insert-select" ? stmt.target : stmt.name;
    if (stmt.kind === "insert-select" && !this.catalog.sources.has(sink)) {
      throw new StatementError(`${sink} does not exist.`, origin.line, origin.column);
    }
    const planned = planSql(this.catalog, text, origin, sink, existing);
    return {
      logged: true,
      apply: async (sequence) => {
        const prefix =
          stmt.kind === "insert-select"
            ? "INSERTQUERY"
            : stmt.sourceKind === "TABLE"
              ? "CTAS"
              : "CSAS";
        const id =
          stmt.kind === "insert-select" ? `${prefix}_${sequence}` : `${prefix}_${sink}_${sequence}`;
        for (const s of planned.added) {
          this.catalog.sources.set(s.name, {
            summary: s,
            declaration: declarationOf(s),
            partitions: planned.document.topics.find((t) => t.name === s.topic)?.partitions ?? 1,
          });
        }
        const { topologyId, deploymentId } = await this.deploy(id, planned.document);
        this.catalog.queries.set(id, {
          id,
          statement: text,
          sink,
          reads: planned.reads,
          topologyId,
          deploymentId,
          terminated: false,
        });
        return status(`Created query with ID ${id}`, id);
      },
    };
  }

  /** Deploys a query's topology, or adopts the deployment a previous run left running. */
  private async deploy(queryId: string, document: object) {
    const { topologies, deployments } = this.services;
    const name = `${SQL_TOPOLOGY_PREFIX}${this.runner.serviceId}/${queryId}`;
    const existing = (await topologies.list()).find((t) => t.name === name);
    const latest = existing?.deployments[0];
    if (existing && latest && (latest.status === "running" || latest.status === "starting")) {
      return { topologyId: existing.id, deploymentId: latest.id };
    }
    const topology = existing ?? (await topologies.create(name, document, "created by SQL"));
    const dep = await deployments.deploy(topology.id, undefined, "embedded");
    return { topologyId: topology.id, deploymentId: dep.id };
  }

  /** `TERMINATE ALL` stops every persistent query running when it takes effect. */
  private checkTerminate(queryId: string, origin: Origin): Checked {
    const queries = queryId === "ALL" ? this.catalog.running() : [this.query(queryId, origin)];
    if (queries.some((q) => q.terminated))
      throw new StatementError(`Unknown queryId: ${queryId}`, origin.line, origin.column);
    return {
      logged: true,
      apply: async () => {
        for (const q of queries) {
          q.terminated = true;
          await this.services.deployments.stop(q.deploymentId);
        }
        return status("Query terminated.");
      },
    };
  }

  private checkDrop(stmt: Extract<Statement, { kind: "drop" }>, origin: Origin): Checked {
    const source = this.catalog.sources.get(stmt.name);
    if (!source) {
      if (stmt.ifExists)
        return local(async () => status(`Source \`${stmt.name}\` does not exist.`));
      throw new StatementError(`Source ${stmt.name} does not exist.`, origin.line, origin.column);
    }
    if (source.summary.kind !== stmt.sourceKind) {
      throw new StatementError(
        `Incompatible data source type is ${source.summary.kind}, but statement was DROP ${stmt.sourceKind}`,
        origin.line,
        origin.column,
      );
    }
    const readers = this.catalog.readersOf(stmt.name);
    const writers = this.catalog.writersOf(stmt.name);
    if (readers.length > 0 || writers.length > 0) {
      throw new StatementError(
        `Cannot drop ${stmt.name}. The following queries read from this source: [${readers.join(", ")}] and the following queries write into this source: [${writers.join(", ")}]. You need to terminate them before dropping ${stmt.name}.`,
        origin.line,
        origin.column,
      );
    }
    return {
      logged: true,
      apply: async () => {
        this.catalog.sources.delete(stmt.name);
        return status(`Source \`${stmt.name}\` (topic: ${source.summary.topic}) was dropped.`);
      },
    };
  }

  source(name: string, origin: Origin) {
    const s = this.catalog.sources.get(name);
    if (!s) throw new StatementError(`${name} does not exist.`, origin.line, origin.column);
    return s;
  }

  private query(queryId: string, origin: Origin): PersistentQuery {
    const q = this.catalog.queries.get(queryId);
    if (!q) throw new StatementError(`Unknown queryId: ${queryId}`, origin.line, origin.column);
    return q;
  }
}

function recognise(text: string, origin: Origin): Statement {
  const stmt = classify(text);
  if (stmt) return stmt;
  throw new StatementError(
    `line ${origin.line}:${origin.column}: Unknown statement: '${text.split(/\s+/)[0]}'`,
    origin.line,
    origin.column,
  );
}

function local(apply: () => Promise<object | undefined>): Checked {
  return { logged: false, apply };
}

function status(message: string, queryId?: string) {
  return {
    "@type": "currentStatus",
    commandStatus: { status: "SUCCESS", message, ...(queryId ? { queryId } : {}) },
  };
}

function explain(q: PersistentQuery) {
  return {
    "@type": "queryDescription",
    queryDescription: {
      id: q.id,
      statementText: q.statement,
      sources: q.reads,
      sinks: [q.sink],
      topologyId: q.topologyId,
      deploymentId: q.deploymentId,
      state: q.terminated ? "TERMINATED" : "RUNNING",
    },
  };
}
