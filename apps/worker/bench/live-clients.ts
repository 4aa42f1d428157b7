// Child process of the worker bench: N socket.io clients subscribed to one deployment, the
// first `stalled` of them never reading. Apart from the bench's producer, so 50 clients'
// event-loop work does not slow the requests that feed the deployment.
import { connect } from "../test/live-client";

const [url, deploymentId, count, stalled] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const clients = await Promise.all(
  Array.from({ length: Number(count) }, () => connect(url, { keep: 0 })),
);
await Promise.all(clients.map((c) => c.subscribe(deploymentId)));
for (const c of clients.slice(0, Number(stalled))) c.stall();
console.log("ready");
process.on("SIGTERM", () => {
  for (const c of clients) c.close();
  process.exit(0);
});
