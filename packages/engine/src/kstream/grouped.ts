// Grouped: name and serdes of the repartition topic a grouping may create (Kafka's Grouped).
import type { Serde } from "../serde/serde";

export class Grouped {
  private constructor(
    readonly name?: string,
    readonly keySerde?: Serde,
    readonly valueSerde?: Serde,
  ) {}
  static as(name: string): Grouped {
    return new Grouped(name);
  }
  static with(keySerde?: Serde, valueSerde?: Serde): Grouped {
    return new Grouped(undefined, keySerde, valueSerde);
  }
  withName(name: string): Grouped {
    return new Grouped(name, this.keySerde, this.valueSerde);
  }
}
