// Runs the sample generators into the embedded log: each started generator produces its
// records at its rate on a 100 ms tick, carrying fractional records over between ticks.

import { NotFoundError } from "../errors";
import { createWorld, SAMPLES, type SampleGenerator } from "../samples";
import type { TopicLog } from "./topic-log";

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

  constructor(private readonly log: TopicLog) {
    for (const g of SAMPLES) log.declare(g.topic.name, g.topic.partitions);
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

  /** Starts the generator, or changes its rate when it already runs. */
  start(name: string, rate?: number) {
    const g = find(name);
    const current = this.running.get(name);
    if (current) {
      current.rate = rate ?? current.rate;
    } else {
      const now = Date.now();
      for (const r of g.initial?.(this.world, now) ?? []) this.log.append(g.topic.name, r);
      this.running.set(name, { rate: rate ?? g.defaultRate, owed: 0, produced: 0 });
    }
    return this.list().find((s) => s.name === name)!;
  }

  stop(name: string) {
    find(name);
    this.running.delete(name);
    return this.list().find((s) => s.name === name)!;
  }

  startAll() {
    for (const g of SAMPLES) this.start(g.name);
  }

  close() {
    clearInterval(this.timer);
    this.running.clear();
  }

  private tick() {
    const now = Date.now();
    for (const [name, r] of this.running) {
      const g = find(name);
      r.owed += (r.rate * TICK_MS) / 1000;
      for (; r.owed >= 1; r.owed--) {
        const record = g.next(this.world, now);
        if (!record) {
          r.owed = 0;
          break;
        }
        this.log.append(g.topic.name, record);
        r.produced++;
      }
    }
  }
}

function find(name: string): SampleGenerator {
  const g = SAMPLES.find((s) => s.name === name);
  if (!g) throw new NotFoundError("sample generator", name);
  return g;
}
