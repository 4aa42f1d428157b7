// Child process of the full-disk test: appends until the filesystem is full, then reopens the
// log and checks every acknowledged record. Prints one JSON line with what it saw.
import { DurableLog } from "../../src/log/durable";

const dir = process.argv[2] as string;
const log = new DurableLog({ dir });
let acknowledged = 0;
let error: { name: string; message: string } | undefined;
while (!error) {
  const i = acknowledged;
  try {
    await log.append([
      {
        topic: "t",
        partition: 0,
        timestamp: i,
        key: null,
        value: new Uint8Array(4000).fill(i % 256),
      },
    ]);
    acknowledged++;
  } catch (e) {
    error = { name: (e as Error).name, message: (e as Error).message };
  }
}
await log.close();
const reopened = new DurableLog({ dir });
const records = await reopened.read("t", 0, 0, 100_000);
const intact = records.every((r, i) => r.offset === i && r.value?.[0] === i % 256);
console.log(JSON.stringify({ acknowledged, error, reopened: records.length, intact }));
await reopened.close();
