// Kafka Streams' EmitStrategy for windowed aggregations: every update as it happens (the
// default), or only the final result of each window once stream time closes it.

export class EmitStrategy {
  private constructor(readonly type: "on-window-update" | "on-window-close") {}

  static onWindowUpdate(): EmitStrategy {
    return new EmitStrategy("on-window-update");
  }

  /** One result per window, read back from the window store when stream time >= end + grace. */
  static onWindowClose(): EmitStrategy {
    return new EmitStrategy("on-window-close");
  }
}
