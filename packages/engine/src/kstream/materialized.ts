// Materialized: store name, serdes, retention and logging of a KTable's store (Kafka's
// Materialized). A custom StoreSupplier (e.g. LMDB) can replace the in-memory store.
import type { Serde } from "../serde/serde";
import type { StoreSupplier } from "../state/store";

export interface MaterializedOptions {
  storeName?: string;
  keySerde?: Serde;
  valueSerde?: Serde;
  retentionMs?: number;
  loggingEnabled?: boolean;
  supplier?: StoreSupplier;
}

export class Materialized {
  private constructor(readonly options: MaterializedOptions) {}
  static as(storeNameOrSupplier: string | StoreSupplier): Materialized {
    return typeof storeNameOrSupplier === "string"
      ? new Materialized({ storeName: storeNameOrSupplier })
      : new Materialized({ storeName: storeNameOrSupplier.name, supplier: storeNameOrSupplier });
  }
  static with(keySerde?: Serde, valueSerde?: Serde): Materialized {
    return new Materialized({ keySerde, valueSerde });
  }
  withRetention(retentionMs: number): Materialized {
    return new Materialized({ ...this.options, retentionMs });
  }
  withLoggingDisabled(): Materialized {
    return new Materialized({ ...this.options, loggingEnabled: false });
  }
  withValueSerde(valueSerde: Serde): Materialized {
    return new Materialized({ ...this.options, valueSerde });
  }
}
