// Produced: serdes (and an optional name) for writing a stream to a topic (Kafka's Produced).
import type { Serde } from "../serde/serde";

export class Produced {
  private constructor(
    readonly keySerde?: Serde,
    readonly valueSerde?: Serde,
    readonly name?: string,
  ) {}
  static with(keySerde?: Serde, valueSerde?: Serde): Produced {
    return new Produced(keySerde, valueSerde);
  }
  static as(name: string): Produced {
    return new Produced(undefined, undefined, name);
  }
  withName(name: string): Produced {
    return new Produced(this.keySerde, this.valueSerde, name);
  }
}
