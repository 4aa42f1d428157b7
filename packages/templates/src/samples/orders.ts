// Orders keyed by order id; most of them get a payment a few seconds to a minute later.
import { SAMPLE_TOPICS } from "../sample-topics";
import { between, money, pick, type SampleGenerator } from "./sample";

const PRODUCTS = ["keyboard", "mouse", "monitor", "laptop", "headset", "webcam", "dock"] as const;
const REGIONS = ["eu-west", "eu-north", "us-east", "us-west", "ap-south"] as const;

export const orders: SampleGenerator = {
  name: "orders",
  description: "Orders keyed by orderId; customerId matches the customers table",
  topic: SAMPLE_TOPICS.orders,
  defaultRate: 5,
  next(world, now) {
    const orderId = `O${(++world.sequences.orders).toString().padStart(7, "0")}`;
    const customerId = pick(world, world.customerIds);
    const quantity = 1 + Math.floor(between(world, 0, 4));
    const amount = money(quantity * between(world, 5, 400));
    if (world.random() < 0.9) {
      const dueAt = now + between(world, 2_000, 60_000);
      world.pendingPayments.push({ orderId, customerId, amount, dueAt });
    }
    const value = { orderId, customerId, product: pick(world, PRODUCTS), quantity, amount };
    return { key: orderId, value: { ...value, region: pick(world, REGIONS) }, timestamp: now };
  },
};
