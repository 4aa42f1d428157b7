// Every template runs through the engine on 2.5 simulated hours of the sample generators' data,
// and its output is checked for what must hold, recomputed from the input independently:
// window totals equal the sum of their inputs, joined orders were paid within 10 minutes,
// alerts only above the threshold, routed records land in the topic their field names...
import { compileTopology, type TestRecord, TopologyTestDriver } from "@riffle/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorld, findTemplate, SAMPLES, type SampleName, type Template } from "../src";

const T0 = 1_700_000_000_000;
const DURATION_MS = 2.5 * 3_600_000;
/** Records per simulated second per generator: enough for every window, few enough to be quick. */
const RATES: Record<SampleName, number> = {
  orders: 1,
  payments: 2,
  customers: 0.05,
  clicks: 1,
  sensors: 2,
};

interface Input {
  topic: string;
  key: string;
  value: Record<string, any>;
  timestamp: number;
}

/** The sample generators, run on a seeded world, merged in timestamp order. */
function sampleData(): Input[] {
  let seed = 2024;
  const world = createWorld(() => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  });
  const out: Input[] = [];
  for (const g of SAMPLES) {
    for (const r of g.initial?.(world, T0) ?? []) out.push({ topic: g.topic.name, ...(r as any) });
  }
  const steps = SAMPLES.map((g) => ({ g, every: 1000 / RATES[g.name as SampleName], next: T0 }));
  for (let now = T0; now < T0 + DURATION_MS; now += 100) {
    for (const s of steps) {
      while (s.next <= now) {
        const r = s.g.next(world, s.next);
        if (r)
          out.push({
            topic: s.g.topic.name,
            key: r.key as string,
            value: r.value as any,
            timestamp: r.timestamp,
          });
        s.next += s.every;
      }
    }
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

let data: Input[];
beforeAll(() => {
  data = sampleData();
});

function run(name: string): { driver: TopologyTestDriver; inputs: Input[] } {
  const template = findTemplate(name) as Template;
  const driver = new TopologyTestDriver(compileTopology(template.document).topology);
  const inputs = data.filter((r) => template.samples.includes(r.topic as SampleName));
  for (const r of inputs) driver.pipeInput(r.topic, r.key, r.value, r.timestamp);
  expect(driver.deadLetters).toEqual([]);
  return { driver, inputs };
}

const of = (inputs: Input[], topic: string) => inputs.filter((r) => r.topic === topic);

/** The last value per key and window (a windowed table's final state); tombstones delete. */
function finalWindows(records: TestRecord[]): Map<string, TestRecord> {
  const last = new Map<string, TestRecord>();
  for (const r of records) {
    const id = JSON.stringify([r.key, r.window?.start, r.window?.end]);
    if (r.value === null) last.delete(id);
    else last.set(id, r);
  }
  return last;
}

describe("templates run on the sample data", { timeout: 120_000 }, () => {
  it("hourly-sales: each region's hourly window totals are the count and sum of its orders", () => {
    const { driver, inputs } = run("hourly-sales");
    const expected = new Map<string, { orders: number; total: number }>();
    for (const o of of(inputs, "orders")) {
      const start = o.timestamp - (o.timestamp % 3_600_000);
      const id = JSON.stringify([o.value.region, start, start + 3_600_000]);
      const e = expected.get(id) ?? { orders: 0, total: 0 };
      expected.set(id, { orders: e.orders + 1, total: e.total + o.value.amount });
    }
    const actual = finalWindows(driver.readOutput("sales-hourly"));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [id, r] of actual) {
      expect((r.value as any).ORDERS).toBe(expected.get(id)!.orders);
      expect((r.value as any).TOTAL).toBeCloseTo(expected.get(id)!.total, 6);
    }
    expect(actual.size).toBeGreaterThanOrEqual(5 * 3);
  });

  it("click-sessions: a user's final sessions are 30 minutes apart and count that user's clicks inside them", () => {
    const { driver, inputs } = run("click-sessions");
    const sessions = [...finalWindows(driver.readOutput("click-sessions")).values()];
    expect(sessions.length).toBeGreaterThan(50);
    const byUser = new Map<string, TestRecord[]>();
    for (const s of sessions)
      byUser.set(s.key as string, [...(byUser.get(s.key as string) ?? []), s]);
    for (const [user, list] of byUser) {
      list.sort((a, b) => a.window!.start - b.window!.start);
      for (let i = 1; i < list.length; i++)
        expect(list[i].window!.start - list[i - 1].window!.end).toBeGreaterThan(1_800_000);
      for (const s of list) {
        const clicks = of(inputs, "clicks").filter(
          (c) => c.key === user && c.timestamp >= s.window!.start && c.timestamp <= s.window!.end,
        );
        expect((s.value as any).CLICKS).toBe(clicks.length);
      }
    }
  });

  it("orders-payments: every joined order was paid within 10 minutes after it, and every such payment joined", () => {
    const { driver, inputs } = run("orders-payments");
    const orders = new Map(of(inputs, "orders").map((o) => [o.key, o]));
    const joined = driver.readOutput("orders-paid");
    for (const j of joined) {
      const order = orders.get(j.key as string)!;
      const payment = of(inputs, "payments").find((p) => p.key === j.key)!;
      expect(payment.timestamp - order.timestamp).toBeGreaterThanOrEqual(0);
      expect(payment.timestamp - order.timestamp).toBeLessThanOrEqual(600_000);
      expect((j.value as any).PAID).toBe((j.value as any).AMOUNT);
    }
    const paidInTime = of(inputs, "payments").filter((p) => {
      const o = orders.get(p.key);
      return o && p.timestamp - o.timestamp <= 600_000;
    });
    expect(joined.length).toBe(paidInTime.length);
    expect(joined.length).toBeGreaterThan(1000);
  });

  it("large-orders: the three branches split exactly the orders over 500, first matching line wins", () => {
    const { driver, inputs } = run("large-orders");
    const large = of(inputs, "orders").filter((o) => o.value.amount > 500);
    const line = (p: string) =>
      ["laptop", "monitor", "dock"].includes(p)
        ? "hardware"
        : ["keyboard", "mouse", "headset", "webcam"].includes(p)
          ? "accessories"
          : "other";
    for (const l of ["hardware", "accessories", "other"]) {
      expect(driver.readOutput(`large-orders-${l}`).map((r) => r.key)).toEqual(
        large.filter((o) => line(o.value.product) === l).map((o) => o.key),
      );
    }
    expect(large.length).toBeGreaterThan(100);
  });

  it("orders-enriched: each order carries the name its customer had when the order happened", () => {
    const { driver, inputs } = run("orders-enriched");
    const names = new Map<string, string>();
    const expected: [string, string][] = [];
    for (const r of inputs) {
      if (r.topic === "customers") names.set(r.key, r.value.name);
      else expected.push([r.key, names.get(r.value.customerId) ?? null!]);
    }
    const actual = driver
      .readOutput("orders-enriched")
      .map((r) => [(r.value as any).ORDER_ID, (r.value as any).NAME]);
    expect(actual).toEqual(expected.map(([order, name]) => [order, name]));
  });

  it("sensor-alerts: alerts only above 30 degrees, one for every window whose average went above", () => {
    const { driver, inputs } = run("sensor-alerts");
    const alerts = driver.readOutput("sensor-alerts");
    for (const a of alerts) expect((a.value as any).AVG_TEMPERATURE).toBeGreaterThan(30);
    const readings = of(inputs, "sensors");
    for (const a of alerts.slice(0, 50)) {
      const inWindow = readings.filter(
        (r) =>
          r.key === a.key &&
          r.timestamp >= a.window!.start &&
          r.timestamp < a.window!.end &&
          r.timestamp <= a.timestamp,
      );
      const avg = inWindow.reduce((s, r) => s + r.value.temperature, 0) / inWindow.length;
      expect((a.value as any).AVG_TEMPERATURE).toBeCloseTo(avg, 6);
    }
  });

  it("customer-etl: names masked (X, x, -), fields renamed and upper-cased, re-keyed by country; one index record per name part", () => {
    const { driver, inputs } = run("customer-etl");
    const customers = of(inputs, "customers");
    const mask = (s: string) =>
      s
        .replace(/[A-Z]/g, "X")
        .replace(/[a-z]/g, "x")
        .replace(/[0-9]/g, "n")
        .replace(/[^Xxn]/g, "-");
    expect(driver.readOutput("customers-clean").map((r) => [r.key, r.value])).toEqual(
      customers.map((c) => [
        c.value.country,
        {
          CUSTOMER_ID: c.key,
          NAME_MASKED: mask(c.value.name),
          SEGMENT: c.value.tier.toUpperCase(),
          COUNTRY: c.value.country,
        },
      ]),
    );
    expect(
      driver.readOutput("customer-name-index").map((r) => [r.key, (r.value as any).CUSTOMER_ID]),
    ).toEqual(
      customers.flatMap((c) =>
        c.value.name
          .toLowerCase()
          .split(" ")
          .map((part: string) => [part, c.key]),
      ),
    );
  });

  it("top-amounts: each product's 5-minute window keeps its three largest amounts, largest first", () => {
    const { driver, inputs } = run("top-amounts");
    const windows = finalWindows(driver.readOutput("top-amounts"));
    expect(windows.size).toBeGreaterThan(100);
    for (const r of windows.values()) {
      const amounts = of(inputs, "orders")
        .filter(
          (o) =>
            o.value.product === r.key &&
            o.timestamp >= r.window!.start &&
            o.timestamp < r.window!.end,
        )
        .map((o) => o.value.amount)
        .sort((a, b) => b - a);
      expect((r.value as any).TOP_AMOUNTS).toEqual(amounts.slice(0, 3));
      expect((r.value as any).ORDERS).toBe(amounts.length);
    }
  });

  it("dynamic-routing: every order lands in orders-<its region>, and nowhere else", () => {
    const { driver, inputs } = run("dynamic-routing");
    const orders = of(inputs, "orders");
    const regions = [...new Set(orders.map((o) => o.value.region))];
    expect(regions.length).toBe(5);
    for (const region of regions) {
      expect(driver.readOutput(`orders-${region}`).map((r) => r.key)).toEqual(
        orders.filter((o) => o.value.region === region).map((o) => o.key),
      );
    }
  });
});
