"use client";
// Deploy: runtime choice, deploy / redeploy / stop, status and the last error where it belongs.
import { useEffect } from "react";
import type { Runtime } from "../../lib/api";
import { isActive, useDeployment } from "../../store/deployment-store";
import { useDocument } from "../../store/document-store";
import { SamplesPanel } from "./samples-panel";

export function DeployPanel() {
  const { deployment, runtime, busy, error, setRuntime, refresh, deploy, stop } = useDeployment();
  const errors = useDocument(
    (s) => s.analysis.findings.filter((f) => f.severity === "error").length,
  );
  const baseVersion = useDocument((s) => s.baseVersion);
  const active = isActive(deployment);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [refresh]);

  return (
    <div>
      <section className="section" aria-label="Deploy" data-testid="deploy-panel">
        <h2>Deploy</h2>
        <div className="field">
          <label htmlFor="deploy-runtime">Runtime</label>
          <select
            id="deploy-runtime"
            value={runtime}
            onChange={(e) => setRuntime(e.target.value as Runtime)}
          >
            <option value="embedded">embedded (built-in log, sample data)</option>
            <option value="kafka">Kafka (KAFKA_BROKERS on the worker)</option>
          </select>
        </div>
        {errors > 0 && (
          <p className="sev-error">
            Fix the {errors} error{errors > 1 ? "s" : ""} in Problems before deploying.
          </p>
        )}
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={deploy}
            disabled={busy || errors > 0}
            data-testid="deploy"
          >
            {active ? `Redeploy (saves, v${baseVersion}+)` : "Save & deploy"}
          </button>
          <button type="button" onClick={stop} disabled={busy || !active} data-testid="stop">
            Stop
          </button>
        </div>
        {deployment && (
          <p data-testid="deployment-status" data-status={deployment.status}>
            <span className={`badge ${deployment.status}`}>{deployment.status}</span> v
            {deployment.version} on {deployment.runtime} · <code>{deployment.applicationId}</code>
          </p>
        )}
        {(error ?? deployment?.lastError) && (
          <div className="banner error" role="alert" data-testid="deploy-error">
            {error ?? deployment?.lastError}
          </div>
        )}
      </section>
      <SamplesPanel />
    </div>
  );
}
