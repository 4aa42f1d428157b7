// The sample data catalogue, in the order the API lists it.
import { clicks } from "./clicks";
import { customers } from "./customers";
import { orders } from "./orders";
import { payments } from "./payments";
import type { SampleGenerator } from "./sample";
import { sensors } from "./sensors";

export const SAMPLES: readonly SampleGenerator[] = [orders, payments, customers, clicks, sensors];
export { createWorld, type SampleGenerator, type SampleRecord, type SampleWorld } from "./sample";
