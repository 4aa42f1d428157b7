// Sensor anomaly alerts: a hopping-window average compared with a threshold.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const sensorAlerts: Template = {
  name: "sensor-alerts",
  title: "Sensor anomaly alerts",
  description:
    "Averages each sensor's temperature over 1-minute windows advancing every 10 seconds and raises an alert, on its own topic, whenever an average goes above 30 degrees.",
  samples: ["sensors"],
  document: topologyOf(
    "sensor-alerts",
    "Alerts when a sensor's 1-minute average temperature exceeds 30.",
    [SAMPLE_TOPICS.sensors],
    [
      {
        id: "sensors",
        kind: "stream-source",
        config: { topic: "sensors", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      { id: "by-sensor", kind: "group-by-key", config: {} },
      {
        id: "hopping",
        kind: "windowed-by",
        config: { window: { type: "hopping", sizeMs: 60_000, advanceMs: 10_000, graceMs: 5_000 } },
      },
      {
        id: "averages",
        kind: "aggregate",
        config: {
          aggregations: [
            { name: "AVG_TEMPERATURE", fn: "AVG", args: ["temperature"] },
            { name: "READINGS", fn: "COUNT", args: [] },
          ],
        },
      },
      { id: "changes", kind: "to-stream", config: {} },
      { id: "too-hot", kind: "filter", config: { predicate: "AVG_TEMPERATURE > 30" } },
      { id: "sensor-alerts", kind: "sink", config: { topic: "sensor-alerts" } },
    ],
    chain("sensors", "by-sensor", "hopping", "averages", "changes", "too-hot", "sensor-alerts"),
  ),
};
