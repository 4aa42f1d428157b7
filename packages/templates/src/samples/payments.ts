// Payments for earlier orders, keyed by the same order id (co-partitioned with `orders`: 6).
import { SAMPLE_TOPICS } from "../sample-topics";
import { pick, type SampleGenerator } from "./sample";

const METHODS = ["card", "paypal", "transfer", "voucher"] as const;

export const payments: SampleGenerator = {
  name: "payments",
  description: "Payments keyed by orderId, 2–60 s after their order (about 90% of orders)",
  topic: SAMPLE_TOPICS.payments,
  defaultRate: 10,
  next(world, now) {
    const due = world.pendingPayments.findIndex((p) => p.dueAt <= now);
    if (due < 0) return undefined;
    const [p] = world.pendingPayments.splice(due, 1);
    const value = { orderId: p!.orderId, customerId: p!.customerId, amount: p!.amount };
    return { key: p!.orderId, value: { ...value, method: pick(world, METHODS) }, timestamp: now };
  },
};
