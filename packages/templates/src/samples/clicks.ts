// Page clicks keyed by userId (= customerId), in sessions: bursts of clicks a few seconds apart,
// then silence. Three partitions against customers' six: a join needs a repartition.
import { SAMPLE_TOPICS } from "../sample-topics";
import { between, pick, type SampleGenerator } from "./sample";

const PAGES = ["/", "/search", "/product", "/cart", "/checkout", "/help", "/account"] as const;

export const clicks: SampleGenerator = {
  name: "clicks",
  description: "Page clicks keyed by userId (the customerId), grouped in sessions; 3 partitions",
  topic: SAMPLE_TOPICS.clicks,
  defaultRate: 10,
  next(world, now) {
    const active = world.activeSessions;
    if (active.length < 20 && world.random() < 0.3) {
      const userId = pick(world, world.customerIds);
      active.push({
        userId,
        sessionId: `S${++world.sequences.sessions}`,
        clicksLeft: Math.ceil(between(world, 2, 15)),
      });
    }
    if (active.length === 0) return undefined;
    const i = Math.floor(world.random() * active.length);
    const s = active[i]!;
    if (--s.clicksLeft <= 0) active.splice(i, 1);
    const durationMs = Math.round(between(world, 300, 30_000));
    const value = {
      userId: s.userId,
      sessionId: s.sessionId,
      page: pick(world, PAGES),
      durationMs,
    };
    return { key: s.userId, value, timestamp: now };
  },
};
