// Subscribes to a running deployment over socket.io: records (sinks and tapped nodes),
// metrics once a second, status changes. Resubscribes when the taps change.
import { useEffect } from "react";
import { io, type Socket } from "socket.io-client";
import { workerUrl } from "../lib/api";
import { useDeployment } from "../store/deployment-store";
import { type LiveRecord, type MetricsUpdate, useLive } from "../store/live-store";

interface WireMetrics {
  at: number;
  nodes: {
    nodeId: string;
    recordsIn: number;
    recordsOut: number;
    rateIn: number;
    rateOut: number;
  }[];
  lag: Record<string, number>;
  lateDrops: number;
  deadLetters: number;
}

interface WireRecord extends Omit<LiveRecord, "node"> {
  nodeId: string;
}

export function toMetricsUpdate(m: WireMetrics): MetricsUpdate {
  const nodes: MetricsUpdate["nodes"] = {};
  for (const n of m.nodes)
    nodes[n.nodeId] = { recordsIn: n.recordsIn, recordsOut: n.recordsOut, rate: n.rateOut };
  const lag = Object.values(m.lag ?? {}).reduce((a, b) => a + b, 0);
  return { at: m.at, nodes, lag, lateDrops: m.lateDrops ?? 0, deadLetters: m.deadLetters ?? 0 };
}

export function useLiveFeed(deploymentId: string | null) {
  const taps = useLive((s) => s.taps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new deployment starts afresh
  useEffect(() => useLive.getState().reset(), [deploymentId]);
  useEffect(() => {
    if (!deploymentId) return;
    const socket: Socket = io(workerUrl(), { transports: ["websocket"], reconnection: true });
    const subscribe = () => socket.emit("subscribe", { deploymentId, taps });
    socket.on("connect", subscribe);
    socket.on("metrics", (m: WireMetrics & { deploymentId: string }) => {
      if (m.deploymentId === deploymentId) useLive.getState().onMetrics(toMetricsUpdate(m));
    });
    socket.on(
      "records",
      (batch: { deploymentId: string; records: WireRecord[]; dropped?: number }) => {
        if (batch.deploymentId !== deploymentId) return;
        const records = batch.records.map(({ nodeId, ...r }) => ({ ...r, node: nodeId }));
        useLive.getState().onRecords(records, batch.dropped);
      },
    );
    socket.on(
      "status",
      (s: { deploymentId: string; status: string; lastError?: string | null }) => {
        if (s.deploymentId === deploymentId)
          useDeployment.getState().onStatus(s.status as never, s.lastError);
      },
    );
    return () => {
      socket.emit("unsubscribe", { deploymentId });
      socket.disconnect();
    };
  }, [deploymentId, taps]);
}
