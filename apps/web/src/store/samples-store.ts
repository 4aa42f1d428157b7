// The worker's sample-data generators and the topics they write.
import { create } from "zustand";
import { ApiError, api, type Sample } from "../lib/api";
import { notify } from "./notice-store";

interface SamplesState {
  samples: Sample[];
  load: () => Promise<void>;
  start: (name: string, rate?: number) => Promise<void>;
  stop: (name: string) => Promise<void>;
}

const report = (e: unknown) => notify("error", e instanceof ApiError ? e.message : String(e));

export const useSamples = create<SamplesState>()((set, get) => {
  const replace = (sample: Sample) =>
    set({ samples: get().samples.map((s) => (s.name === sample.name ? sample : s)) });
  return {
    samples: [],
    load: async () => {
      try {
        set({ samples: await api.listSamples() });
      } catch {
        // The worker is down: no samples to offer; other panels say why.
      }
    },
    start: async (name, rate) => {
      try {
        replace(await api.startSample(name, rate));
      } catch (e) {
        report(e);
      }
    },
    stop: async (name) => {
      try {
        replace(await api.stopSample(name));
      } catch (e) {
        report(e);
      }
    },
  };
});
