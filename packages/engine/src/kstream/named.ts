// Named: a user-chosen processor name (Kafka's Named), used for metrics, taps and descriptions.
export class Named {
  private constructor(readonly name: string) {}
  static as(name: string): Named {
    return new Named(name);
  }
}
