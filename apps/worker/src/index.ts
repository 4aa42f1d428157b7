// Public surface of @riffle/worker, for the CLI and end-to-end tests that run a worker in-process.
export { startWorker, type Worker, type WorkerOptions } from "./app";
export { type Config, loadConfig } from "./config";
