// Serde for Change values crossing a repartition topic (KTable#groupBy): both sides as JSON.
import { Change } from "../../processor/processor";
import { jsonSerde } from "../../serde/json-serde";
import type { Serde } from "../../serde/serde";

export function changeSerde(): Serde {
  const json = jsonSerde<[unknown, unknown]>();
  return {
    name: "CHANGE",
    serialize: (value) => {
      const c = value as Change;
      return json.serialize([c.newValue, c.oldValue]);
    },
    deserialize: (bytes) => {
      const pair = json.deserialize(bytes);
      return pair === null ? null : new Change(pair[0], pair[1]);
    },
  };
}
