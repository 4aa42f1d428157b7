// Payments for earlier orders, keyed by the same order id (co-partitioned with `orders`: 6).
import { pick, type SampleGenerator, topic } from "./sample";

const METHODS = ["card", "paypal", "transfer", "voucher"] as const;

export const payments: SampleGenerator = {
  name: "payments",
  description: "Payments keyed by orderId, 2–60 s after their order (about 90% of orders)",
  topic: topic(
    "payments",
    6,
    { orderId: "STRING" },
    { orderId: "STRING", customerId: "STRING", amount: "DOUBLE", method: "STRING" },
  ),
  defaultRate: 10,
  next(world, now) {
    const due = world.pendingPayments.findIndex((p) => p.dueAt <= now);
    if (due < 0) return undefined;
    const [p] = world.pendingPayments.splice(due, 1);
    const value = { orderId: p!.orderId, customerId: p!.customerId, amount: p!.amount };
    return { key: p!.orderId, value: { ...value, method: pick(world, METHODS) }, timestamp: now };
  },
};
