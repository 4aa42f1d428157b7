// Repartitioned: name, partition count and serdes of an explicit repartition topic.
import type { Serde } from "../serde/serde";

export class Repartitioned {
  private constructor(
    readonly name?: string,
    readonly partitions?: number,
    readonly keySerde?: Serde,
    readonly valueSerde?: Serde,
  ) {}
  static as(name: string): Repartitioned {
    return new Repartitioned(name);
  }
  static numberOfPartitions(partitions: number): Repartitioned {
    return new Repartitioned(undefined, partitions);
  }
  static with(keySerde?: Serde, valueSerde?: Serde): Repartitioned {
    return new Repartitioned(undefined, undefined, keySerde, valueSerde);
  }
  withNumberOfPartitions(partitions: number): Repartitioned {
    return new Repartitioned(this.name, partitions, this.keySerde, this.valueSerde);
  }
  withName(name: string): Repartitioned {
    return new Repartitioned(name, this.partitions, this.keySerde, this.valueSerde);
  }
}
