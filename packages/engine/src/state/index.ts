// State stores: key-value, window and session, in memory, changelogged.
export * from "./key-value-store";
export * from "./session-store";
export * from "./store";
export * from "./store-key";
export * from "./window-store";
