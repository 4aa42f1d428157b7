// KStream-KTable join (Kafka's KStreamKTableJoin): only stream records trigger; each looks up
// the table's current value for its key. Inner drops records without a table row; left joins
// them with null. Table updates never emit. Null keys or values on the stream side are dropped.
import type { ProcessorFactory } from "../../processor/processor";
import type { ValueJoiner } from "./stream-stream-join";
import type { ValueGetterSupplier } from "./value-getter";

export function streamTableJoinProcessor(
  name: string,
  table: ValueGetterSupplier,
  joiner: ValueJoiner,
  leftJoin: boolean,
  keySelector?: (key: any, value: any) => unknown,
): ProcessorFactory {
  return (ctx, out) => {
    const get = table.get(ctx);
    const counters = ctx.metrics.node(name);
    return (key, value, ts) => {
      const lookup = keySelector === undefined ? key : keySelector(key, value);
      if (lookup === null || lookup === undefined || value === null || value === undefined) {
        counters.dropped++;
        return;
      }
      const right = get(lookup);
      if (right === undefined) {
        if (leftJoin) out.all(key, joiner(value, null, key), ts);
        return;
      }
      out.all(key, joiner(value, right.value, key), ts);
    };
  };
}
