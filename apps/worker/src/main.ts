// Entry point of `npm start -w @riffle/worker`: reads the environment, starts the worker and
// shuts it down gracefully on SIGTERM/SIGINT (deployments stopped, clients told, database closed).
import pino from "pino";
import { startWorker } from "./app";
import { loadConfig } from "./config";

const config = loadConfig();
const logger = pino({ level: config.logLevel, name: "riffle-worker" });

try {
  const worker = await startWorker(config, logger);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      worker.close(signal).then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
} catch (err) {
  logger.fatal({ err }, "worker failed to start");
  process.exit(1);
}
