// Owns the tasks of one running topology: one per sub-topology and partition plus the global
// task, routes records to them, restores their stores and reports store sizes. Shared by the
// test driver and the deployment runtime.
import type { Log, LogRecord } from "../log/log";
import { changelogTopic, type StateStore } from "../state/store";
import { Metrics } from "./metrics";
import { StreamTask } from "./stream-task";
import { Taps } from "./taps";
import type { DeadLetter } from "./task-context";
import type { Topology } from "./topology";

export interface TaskManagerOptions {
  wallClock(): number;
  onDeadLetter(letter: DeadLetter): void;
}

export class TaskManager {
  readonly metrics: Metrics;
  readonly taps = new Taps();
  readonly tasks: StreamTask[] = [];
  readonly global: StreamTask | undefined;
  private readonly globalStores = new Map<string, StateStore>();
  private readonly byTopic = new Map<string, StreamTask[]>();

  constructor(
    readonly topology: Topology,
    options: TaskManagerOptions,
  ) {
    const subs = [...topology.subtopologies, ...(topology.global ? [topology.global] : [])];
    this.metrics = new Metrics(subs.flatMap((s) => s.nodes));
    const env = {
      applicationId: topology.applicationId,
      metrics: this.metrics,
      taps: this.taps,
      globalStores: this.globalStores,
      partitionsOf: topology.partitionsOf,
      resolveTopic: topology.resolveTopic,
      wallClock: options.wallClock,
      onDeadLetter: options.onDeadLetter,
    };
    if (topology.global) {
      this.global = new StreamTask(topology.global, 0, topology, env);
      for (const [name, store] of this.global.stores) this.globalStores.set(name, store);
    }
    for (const sub of topology.subtopologies) {
      const tasks = Array.from(
        { length: sub.partitions },
        (_, p) => new StreamTask(sub, p, topology, env),
      );
      this.tasks.push(...tasks);
      for (const t of sub.sourceTopics) this.byTopic.set(t, tasks);
    }
  }

  /** The task that processes a partition of a topic; global topics go to the global task. */
  taskFor(topic: string, partition: number): StreamTask | undefined {
    if (this.global?.sub.sourceTopics.includes(topic)) return this.global;
    return this.byTopic.get(topic)?.[partition];
  }

  isSourceTopic(topic: string): boolean {
    return this.byTopic.has(topic) || (this.global?.sub.sourceTopics.includes(topic) ?? false);
  }

  allTasks(): StreamTask[] {
    return this.global ? [this.global, ...this.tasks] : this.tasks;
  }

  store<S extends StateStore>(name: string, partition = 0): S | undefined {
    const global = this.globalStores.get(name);
    if (global) return global as S;
    return this.tasks.filter((t) => t.stores.has(name))[partition]?.stores.get(name) as
      | S
      | undefined;
  }

  storeSizes(): Record<string, number> {
    const sizes: Record<string, number> = {};
    for (const task of this.allTasks()) {
      for (const [name, store] of task.stores) sizes[name] = (sizes[name] ?? 0) + store.size();
    }
    return sizes;
  }

  /** Rebuilds every logged store from its changelog partition before processing starts. */
  async restore(log: Log): Promise<void> {
    for (const task of this.allTasks()) {
      for (const name of task.stores.keys()) {
        if (!this.topology.stores.get(name)?.logged) continue;
        const topic = changelogTopic(this.topology.applicationId, name);
        const partition = task === this.global ? 0 : task.partition;
        const records: LogRecord[] = [];
        for (let offset = 0; ; ) {
          const batch = await log.read(topic, partition, offset, 10_000);
          if (batch.length === 0) break;
          records.push(...batch);
          offset += batch.length;
        }
        task.restore(name, records);
      }
    }
  }
}
