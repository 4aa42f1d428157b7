// User click sessions: session windows closed by 30 minutes of inactivity.

import { SAMPLE_TOPICS } from "../sample-topics";
import { chain, type Template, topologyOf } from "../template";

export const clickSessions: Template = {
  name: "click-sessions",
  title: "User click sessions",
  description:
    "Groups each user's page clicks into sessions that end after 30 minutes without a click, with clicks, time on pages and pages seen per session. Out-of-order clicks merge sessions.",
  samples: ["clicks"],
  document: topologyOf(
    "click-sessions",
    "Clicks per user in 30-minute inactivity sessions.",
    [SAMPLE_TOPICS.clicks],
    [
      {
        id: "clicks",
        kind: "stream-source",
        config: { topic: "clicks", timestamp: { kind: "record" }, offsetReset: "earliest" },
      },
      { id: "by-user", kind: "group-by-key", config: {} },
      {
        id: "sessions",
        kind: "windowed-by",
        config: { window: { type: "session", gapMs: 1_800_000, graceMs: 60_000 } },
      },
      {
        id: "activity",
        kind: "aggregate",
        config: {
          aggregations: [
            { name: "CLICKS", fn: "COUNT", args: [] },
            { name: "TIME_ON_PAGES_MS", fn: "SUM", args: ["durationMs"] },
            { name: "PAGES", fn: "COLLECT_SET", args: ["page"] },
          ],
        },
      },
      { id: "changes", kind: "to-stream", config: {} },
      { id: "click-sessions", kind: "sink", config: { topic: "click-sessions" } },
    ],
    chain("clicks", "by-user", "sessions", "activity", "changes", "click-sessions"),
  ),
};
