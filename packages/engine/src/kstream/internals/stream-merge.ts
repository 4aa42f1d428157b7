// KStream#merge: records of both parents flow on unchanged, in processing order.
import type { ProcessorFactory } from "../../processor/processor";

export const mergeProcessor: ProcessorFactory = (_ctx, out) => out.all;
