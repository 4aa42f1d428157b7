// Joined: serdes and name for stream-table and stream-stream joins (Kafka's Joined/StreamJoined).
import type { Serde } from "../serde/serde";

export class Joined {
  private constructor(
    readonly keySerde?: Serde,
    readonly valueSerde?: Serde,
    readonly otherValueSerde?: Serde,
    readonly name?: string,
  ) {}
  static with(keySerde?: Serde, valueSerde?: Serde, otherValueSerde?: Serde): Joined {
    return new Joined(keySerde, valueSerde, otherValueSerde);
  }
  static as(name: string): Joined {
    return new Joined(undefined, undefined, undefined, name);
  }
  withName(name: string): Joined {
    return new Joined(this.keySerde, this.valueSerde, this.otherValueSerde, name);
  }
}
