// Runs the sample generators into the embedded log: each started generator produces its
// records at its rate on a 100 ms tick, carrying fractional records over between ticks.

import type { Logger } from "pino";
import { NotFoundError } from "../errors";
import { createWorld, SAMPLES, type SampleGenerator } from "../samples";
import type { ProduceInput, TopicLog } from "./topic-log";

const TICK_MS = 100;

interface Running {
  rate: number;
  /** Records owed but not yet produced (rate × elapsed, fractional part kept). */
  owed: number;
  produced: number;
}

export class SampleService {
  private readonly world = createWorld();
  private readonly running = new Map<string, Running>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly topics: TopicLog,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  list() {
    return SAMPLES.map((g) => ({
      name: g.name,
      description: g.description,
      topic: g.topic,
      defaultRate: g.defaultRate,
      running: this.running.has(g.name),
      rate: this.running.get(g.name)?.rate ?? g.defaultRate,
      produced: this.running.get(g.name)?.produced ?? 0,
    }));
  }

  /** Creates every sample topic with its declared partition count. */
  async declareTopics() {
    for (const g of SAMPLES) await this.topics.declare(g.topic.name, g.topic.partitions);
  }

  /** Starts the generator, or changes its rate when it already runs. */
  async start(name: string, rate?: number) {
    const g = find(name);
    const current = this.running.get(name);
    if (current) {
      current.rate = rate ?? current.rate;
    } else {
      this.running.set(name, { rate: rate ?? g.defaultRate, owed: 0, produced: 0 });
      await this.topics.append(g.topic.name, g.initial?.(this.world, Date.now()) ?? []);
    }
    return this.list().find((s) => s.name === name)!;
  }

  stop(name: string) {
    find(name);
    this.running.delete(name);
    return this.list().find((s) => s.name === name)!;
  }

  async startAll() {
    for (const g of SAMPLES) await this.start(g.name);
  }

  close() {
    clearInterval(this.timer);
    this.running.clear();
  }

  private tick() {
    const now = Date.now();
    for (const [name, r] of this.running) {
      const g = find(name);
      const batch: ProduceInput[] = [];
      r.owed += (r.rate * TICK_MS) / 1000;
      for (; r.owed >= 1; r.owed--) {
        const record = g.next(this.world, now);
        if (!record) {
          r.owed = 0;
          break;
        }
        batch.push(record);
      }
      r.produced += batch.length;
      if (batch.length > 0) {
        this.topics.append(g.topic.name, batch).catch((err) => {
          this.logger.error({ err, sample: name }, "sample generator could not append");
        });
      }
    }
  }
}

function find(name: string): SampleGenerator {
  const g = SAMPLES.find((s) => s.name === name);
  if (!g) throw new NotFoundError("sample generator", name);
  return g;
}
