// KStream#split: each record goes to the first branch whose predicate matches, else to the
// default branch if there is one (Kafka's BranchedKStream).
import type { ProcessorFactory } from "../../processor/processor";
import type { Predicate } from "./stream-filter";

export interface BranchSpec {
  port: string;
  predicate: Predicate;
}

export function branchProcessor(branches: BranchSpec[], defaultPort?: string): ProcessorFactory {
  return (_ctx, out) => {
    const targets = branches.map((b) => ({ predicate: b.predicate, emit: out.port(b.port) }));
    const fallback = defaultPort === undefined ? undefined : out.port(defaultPort);
    return (key, value, ts) => {
      for (const t of targets) {
        if (t.predicate(key, value, ts)) {
          t.emit(key, value, ts);
          return;
        }
      }
      fallback?.(key, value, ts);
    };
  };
}
