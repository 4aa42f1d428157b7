// Zooms to fit once per opened topology and on every fit request (import, auto-layout), after
// the nodes are measured; never beyond 100 %, so a one-node topology is not blown up.
import { useNodesInitialized, useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { useDocument } from "../store/document-store";
import { useSession } from "../store/session-store";
import { useView } from "../store/view-store";

export function useFitOnLoad() {
  const { fitView } = useReactFlow();
  const initialized = useNodesInitialized();
  const topologyId = useSession((s) => s.topologyId);
  const ready = useSession((s) => s.loadState === "ready");
  const empty = useDocument((s) => s.doc.nodes.length === 0);
  const requests = useView((s) => s.fitRequests);
  const fitted = useRef<string | null>(null);
  const served = useRef(requests);

  useEffect(() => {
    if (!ready || fitted.current === topologyId) return;
    // An empty topology keeps the default view: the first dropped node must not move it.
    if (empty) fitted.current = topologyId;
    else if (initialized) {
      fitted.current = topologyId;
      fitView({ maxZoom: 1, padding: 0.2 });
    }
  }, [ready, initialized, empty, topologyId, fitView]);

  useEffect(() => {
    if (requests === served.current || !initialized) return;
    served.current = requests;
    fitView({ maxZoom: 1, padding: 0.15, duration: 200 });
  }, [requests, initialized, fitView]);
}
