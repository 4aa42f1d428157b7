// Consumed: how a source topic is read — serdes and timestamp extractor (Kafka's Consumed).
import type { TimestampExtractor } from "../processor/timestamp-extractor";
import type { Serde } from "../serde/serde";

export interface ConsumedOptions {
  keySerde?: Serde;
  valueSerde?: Serde;
  timestampExtractor?: TimestampExtractor;
  name?: string;
}

export class Consumed {
  private constructor(readonly options: ConsumedOptions) {}
  static with(keySerde?: Serde, valueSerde?: Serde): Consumed {
    return new Consumed({ keySerde, valueSerde });
  }
  static as(name: string): Consumed {
    return new Consumed({ name });
  }
  withTimestampExtractor(extractor: TimestampExtractor): Consumed {
    return new Consumed({ ...this.options, timestampExtractor: extractor });
  }
  withName(name: string): Consumed {
    return new Consumed({ ...this.options, name });
  }
}
