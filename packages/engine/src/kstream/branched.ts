// Branched: the name of one branch of KStream#split (Kafka's Branched).
export class Branched {
  private constructor(readonly name?: string) {}
  static as(name: string): Branched {
    return new Branched(name);
  }
}
