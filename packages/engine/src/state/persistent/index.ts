// Persistent state: LMDB-backed checkpoints of every store kind.
export { StateDirectory, StoreCheckpoint } from "./state-directory";
