// Public surface of @riffle/templates: ready-to-run topologies for classic stream-processing
// use cases, fed by the worker's sample generators.

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
