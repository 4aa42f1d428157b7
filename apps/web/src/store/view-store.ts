// Requests to zoom the canvas to fit, served once the nodes they concern are measured (a fit
// right after an import or a layout would otherwise use stale sizes).
import { create } from "zustand";

interface ViewState {
  fitRequests: number;
  requestFit: () => void;
}

export const useView = create<ViewState>()((set) => ({
  fitRequests: 0,
  requestFit: () => set((s) => ({ fitRequests: s.fitRequests + 1 })),
}));
