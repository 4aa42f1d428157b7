// Public surface of @riffle/templates: ready-to-run topologies for classic stream-processing
// use cases, and the sample data generators that feed them (run by the worker).

import type { Template } from "./template";
import { clickSessions } from "./templates/click-sessions";
import { customerEtl } from "./templates/customer-etl";
import { dynamicRouting } from "./templates/dynamic-routing";
import { hourlySales } from "./templates/hourly-sales";
import { largeOrders } from "./templates/large-orders";
import { ordersEnriched } from "./templates/orders-enriched";
import { ordersPayments } from "./templates/orders-payments";
import { sensorAlerts } from "./templates/sensor-alerts";
import { topAmounts } from "./templates/top-amounts";

export { SAMPLE_TOPICS, type SampleName } from "./sample-topics";
export {
  createWorld,
  SAMPLES,
  type SampleGenerator,
  type SampleRecord,
  type SampleWorld,
} from "./samples";
export type { Template } from "./template";

export const TEMPLATES: readonly Template[] = [
  ordersPayments,
  hourlySales,
  clickSessions,
  largeOrders,
  ordersEnriched,
  sensorAlerts,
  customerEtl,
  topAmounts,
  dynamicRouting,
];

/** The template with this name, or undefined. */
export function findTemplate(name: string): Template | undefined {
  return TEMPLATES.find((t) => t.name === name);
}
