// Loads the topology list from the worker and keeps the last error to explain it.
import { useCallback, useEffect, useState } from "react";
import { ApiError, api, type TopologySummary } from "../lib/api";

export function useTopologies() {
  const [topologies, setTopologies] = useState<TopologySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setTopologies(await api.listTopologies());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    reload();
  }, [reload]);

  return { topologies, error, reload };
}
