// The engine's test files run one at a time: the Kafka tests wait on consumer-group rebalances
// with 3 s sessions, and next to the crash test (20 SIGKILLed child processes) on a 2-core
// machine an instance could miss its heartbeats, so the group rebalanced mid-test.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { fileParallelism: false } });
