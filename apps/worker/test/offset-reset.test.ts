// A stream source's offsetReset is Kafka's auto.offset.reset: "latest" skips what its topic held
// before the deployment's first start, "earliest" (the default) reads it; a committed offset
// wins over either on redeploy.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, passThrough, records, startTestWorker, type TestWorker } from "./harness";

function readingFrom(offsetReset: "earliest" | "latest", to: string) {
  const doc = passThrough("orders", to, `from-${offsetReset}`);
  doc.nodes[0]!.config = { topic: "orders", offsetReset } as never;
  return doc;
}

describe("auto.offset.reset on the embedded runtime", () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await startTestWorker({ name: "pglite" });
  });
  afterAll(() => w?.stop());

  it("latest reads only records produced after the deployment started; earliest reads them all", async () => {
    await call(w, "POST", "/topics", { name: "orders", partitions: 1 });
    await call(w, "POST", "/topics/orders/records", [
      { key: "old-1", value: { n: 1 } },
      { key: "old-2", value: { n: 2 } },
    ]);
    const deploy = async (offsetReset: "earliest" | "latest", to: string) => {
      const t = await call(w, "POST", "/topologies", {
        name: `from-${offsetReset}`,
        document: readingFrom(offsetReset, to),
      });
      const dep = await call(w, "POST", "/deployments", { topologyId: t.body.id });
      expect(dep.body.status).toBe("running");
    };
    await deploy("latest", "latest-copy");
    await deploy("earliest", "earliest-copy");
    await call(w, "POST", "/topics/orders/records", { key: "new-1", value: { n: 3 } });

    expect((await records(w, "earliest-copy", 3)).map((r) => r.key)).toEqual([
      "old-1",
      "old-2",
      "new-1",
    ]);
    const latest = await records(w, "latest-copy", 1);
    expect(latest.map((r) => r.key)).toEqual(["new-1"]);
  });
});
