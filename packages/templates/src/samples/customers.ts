// The customers table (KTable): every customer once at start, then occasional updates.
import { SAMPLE_TOPICS } from "../sample-topics";
import { pick, type SampleGenerator, type SampleWorld } from "./sample";

const FIRST = ["Ada", "Linus", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret"] as const;
const LAST = [
  "Lovelace",
  "Torvalds",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Thompson",
] as const;
const TIERS = ["bronze", "silver", "gold", "platinum"] as const;
const COUNTRIES = ["DE", "FR", "SE", "US", "IN", "BR", "JP"] as const;

function customer(world: SampleWorld, customerId: string, now: number) {
  const name = `${pick(world, FIRST)} ${pick(world, LAST)}`;
  const value = { customerId, name, tier: pick(world, TIERS), country: pick(world, COUNTRIES) };
  return { key: customerId, value, timestamp: now };
}

export const customers: SampleGenerator = {
  name: "customers",
  description: "Customer profiles keyed by customerId (C0001–C0200); a changelog for a KTable",
  topic: SAMPLE_TOPICS.customers,
  defaultRate: 0.5,
  initial: (world, now) => world.customerIds.map((id) => customer(world, id, now)),
  next: (world, now) => customer(world, pick(world, world.customerIds), now),
};
