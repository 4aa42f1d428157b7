// Sample data generators: list, start (or change rate), stop.
import { z } from "zod";
import { ErrorBody, Sample, SampleParam, StartSample } from "./dto";
import type { App, Services } from "./types";

const tags = ["samples"];

export function sampleRoutes(app: App, { samples }: Services) {
  app.get(
    "/samples",
    {
      schema: {
        tags,
        summary: "Sample generators, their topics and rates",
        response: { 200: z.array(Sample) },
      },
    },
    async () => samples.list(),
  );
  app.post(
    "/samples/:name/start",
    {
      schema: {
        tags,
        summary: "Start a generator, or change its rate (records/s)",
        params: SampleParam,
        body: StartSample.optional(),
        response: { 200: Sample, 404: ErrorBody },
      },
    },
    async (req) => samples.start(req.params.name, req.body?.rate),
  );
  app.post(
    "/samples/:name/stop",
    {
      schema: {
        tags,
        summary: "Stop a generator",
        params: SampleParam,
        response: { 200: Sample, 404: ErrorBody },
      },
    },
    async (req) => samples.stop(req.params.name),
  );
}
