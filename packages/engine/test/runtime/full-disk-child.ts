// Child process of the deployment full-disk test, run on a small tmpfs: an exactly-once
// deployment whose outputs outgrow the disk. Prints one JSON line: the deployment's status and
// error, what it acknowledged through onOutput, and what a reopened log still holds.
import { join } from "node:path";
import {
  DurableLog,
  jsonSerde,
  type ProducerRecord,
  StreamsBuilder,
  startDeployment,
} from "../../src";

const INPUTS = 400;
const json = jsonSerde();
const dir = process.argv[2] as string;
const log = new DurableLog({ dir: join(dir, "log") });
await log.createTopic("in", { partitions: 1 });
await log.append(
  Array.from({ length: INPUTS }, (_, i) => ({
    topic: "in",
    partition: 0,
    timestamp: i,
    key: json.serialize(`k${i}`),
    value: json.serialize(i),
  })),
);

// Each 8 KiB output makes 400 inputs need about 3 MiB: more than the disk has.
const b = new StreamsBuilder();
b.stream<string, number>("in")
  .mapValues((n) => `${n}:`.padEnd(8192, "x"))
  .to("out");
const acknowledged: ProducerRecord[] = [];
const deployment = startDeployment({
  topology: b.build({ applicationId: "full" }),
  log,
  guarantee: "exactly_once_v2",
  commitIntervalMs: 0,
  maxPollRecords: 10,
  stateDir: join(dir, "state"),
  onOutput: (records) => acknowledged.push(...records),
});
while (deployment.status() !== "failed") {
  if (((await log.committed("full", "in", 0)) ?? 0) >= INPUTS) break;
  await new Promise((r) => setTimeout(r, 10));
}
await deployment.stop();
await log.close();

const reopened = new DurableLog({ dir: join(dir, "log") });
const committed = (await reopened.committed("full", "in", 0)) ?? 0;
const outputs = await reopened.read("out", 0, 0, INPUTS * 2);
const decoded = (r: { key: Uint8Array | null; value: Uint8Array | null }) =>
  `${json.deserialize(r.key)}=${String(json.deserialize(r.value)).split(":")[0]}`;
console.log(
  JSON.stringify({
    status: deployment.status(),
    error: deployment.lastError()?.message,
    committed,
    acknowledged: acknowledged.map(decoded),
    stored: outputs.map(decoded),
  }),
);
await reopened.close();
