// The sample data generators live in @riffle/templates, next to the templates they feed and
// the topic declarations both use.
export { createWorld, SAMPLES, type SampleGenerator, type SampleWorld } from "@riffle/templates";
