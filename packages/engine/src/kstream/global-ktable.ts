// GlobalKTable: a fully replicated table, read by stream-global joins through its store.
import { storeGetter, type ValueGetterSupplier } from "./internals/value-getter";

export class GlobalKTable<K = any, V = any> {
  /** Phantom fields keep K and V in the type. */
  declare readonly _key?: K;
  declare readonly _value?: V;
  readonly getter: ValueGetterSupplier;

  constructor(readonly storeName: string) {
    // Global stores live outside every task's sub-topology: joins read them without
    // declaring the store, so they are not merged into the global sub-topology.
    this.getter = { ...storeGetter(storeName), stores: [] };
  }
}
