"use client";
// The studio for one topology: palette | canvas | side panel, bottom tabs, notices.
import { ReactFlowProvider } from "@xyflow/react";
import { useEffect } from "react";
import { useDraftPersistence } from "../../hooks/use-draft-persistence";
import { useKeyboardShortcuts } from "../../hooks/use-keyboard-shortcuts";
import { useDocument } from "../../store/document-store";
import { useSession } from "../../store/session-store";
import { Dashboard } from "../dashboard/dashboard";
import { Notices } from "../notices";
import { Tabs } from "../tabs";
import { Canvas } from "./canvas";
import { CodeTab } from "./code-tab";
import { DeployPanel } from "./deploy-panel";
import { DescribeTab } from "./describe-tab";
import { GuidedTour } from "./guided-tour";
import { Inspector } from "./inspector";
import { Palette } from "./palette";
import { ProblemsPanel } from "./problems-panel";
import { SqlTab } from "./sql-tab";
import { StudioHeader } from "./studio-header";
import { TestRecordPanel } from "./test-record-panel";
import { TopicsPanel } from "./topics-panel";
import { VersionHistory } from "./version-history";

function ProblemsTitle() {
  const count = useDocument((s) => s.analysis.findings.length);
  return <>Problems{count > 0 ? ` (${count})` : ""}</>;
}

function StudioBody({ topologyId }: { topologyId: string }) {
  const loadState = useSession((s) => s.loadState);
  const loadError = useSession((s) => s.loadError);
  useEffect(() => {
    useSession.getState().open(topologyId);
  }, [topologyId]);
  useDraftPersistence(topologyId);
  // The document store, reachable from the e2e tests and the bench (never used by the app).
  useEffect(() => {
    (window as unknown as { __riffleDocument?: typeof useDocument }).__riffleDocument = useDocument;
  }, []);
  useKeyboardShortcuts();

  // Nothing is editable before the topology is loaded: an edit made earlier would be replaced.
  if (loadState === "loading")
    return (
      <main className="page" aria-busy="true">
        <p className="muted">Opening the topology…</p>
      </main>
    );
  if (loadState === "error")
    return (
      <main className="page">
        <div className="banner error" role="alert">
          Could not open this topology: {loadError}
        </div>
        <button type="button" onClick={() => useSession.getState().open(topologyId)}>
          Retry
        </button>
      </main>
    );
  return (
    <div className="studio">
      <StudioHeader />
      <Palette />
      <Canvas />
      <aside
        className="side"
        aria-label="Side panel"
        style={{ display: "flex", flexDirection: "column" }}
      >
        {loadError && (
          <div className="banner error" role="alert">
            Working offline: {loadError}
          </div>
        )}
        <Tabs
          label="Side panel"
          tabs={[
            { id: "inspector", title: "Inspector", render: () => <Inspector /> },
            { id: "topics", title: "Topics", render: () => <TopicsPanel /> },
            { id: "versions", title: "Versions", render: () => <VersionHistory /> },
            { id: "deploy", title: "Deploy", render: () => <DeployPanel /> },
          ]}
        />
      </aside>
      <section className="bottom" aria-label="Bottom panel">
        <Tabs
          label="Bottom panel"
          tabs={[
            { id: "problems", title: <ProblemsTitle />, render: () => <ProblemsPanel /> },
            { id: "live", title: "Live", render: () => <Dashboard /> },
            { id: "sql", title: "SQL", render: () => <SqlTab /> },
            { id: "code", title: "Code", render: () => <CodeTab /> },
            { id: "describe", title: "Describe", render: () => <DescribeTab /> },
            { id: "test-records", title: "Test records", render: () => <TestRecordPanel /> },
          ]}
        />
      </section>
    </div>
  );
}

export function Studio({ topologyId }: { topologyId: string }) {
  return (
    <ReactFlowProvider>
      <StudioBody topologyId={topologyId} />
      <GuidedTour />
      <Notices />
    </ReactFlowProvider>
  );
}
