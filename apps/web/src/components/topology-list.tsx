"use client";
// The topologies page: list, create, rename, duplicate, delete, open, with deployment status.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTopologies } from "../hooks/use-topologies";
import { ApiError, api, type TopologySummary } from "../lib/api";
import { emptyDocument } from "../lib/doc-edit";
import { notify } from "../store/notice-store";
import { Notices } from "./notices";
import { TemplateGallery } from "./template-gallery";
import { ThemeToggle } from "./theme-toggle";

async function attempt(action: () => Promise<unknown>): Promise<boolean> {
  try {
    await action();
    return true;
  } catch (e) {
    notify("error", e instanceof ApiError ? e.message : String(e));
    return false;
  }
}

export function TopologyList() {
  const { topologies, error, reload } = useTopologies();
  const router = useRouter();
  const [name, setName] = useState("");

  const create = async () => {
    const title = name.trim() || "New topology";
    let created: TopologySummary | undefined;
    if (
      await attempt(async () => (created = await api.createTopology(title, emptyDocument(title))))
    )
      router.push(`/topologies/${created!.id}`);
  };

  return (
    <main className="page">
      <header className="page-header">
        <h1>Riffle topologies</h1>
        <ThemeToggle />
      </header>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <input
          aria-label="New topology name"
          placeholder="Name of a new topology"
          value={name}
          onChange={(e) => setName(e.target.value)}
          className="grow"
        />
        <button type="submit" className="primary">
          Create topology
        </button>
      </form>
      {error && (
        <div className="banner error" role="alert">
          {error}{" "}
          <button type="button" onClick={reload}>
            Retry
          </button>
        </div>
      )}
      <div style={{ marginTop: 16 }}>
        {topologies === null && !error && <p className="muted">Loading…</p>}
        {topologies?.length === 0 && (
          <div className="empty">
            No topologies yet. Pick a template below to run a working pipeline on the sample data in
            one click, or type a name above and press <strong>Create topology</strong>, then drag a
            source from the palette onto the canvas.
          </div>
        )}
        {topologies && topologies.length > 0 && (
          <ul className="list" aria-label="Topologies">
            {topologies.map((t) => (
              <TopologyRow key={t.id} topology={t} onChange={reload} />
            ))}
          </ul>
        )}
      </div>
      <TemplateGallery />
      <Notices />
    </main>
  );
}

function TopologyRow({ topology, onChange }: { topology: TopologySummary; onChange: () => void }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const status = topology.latestDeployment?.status ?? "not deployed";

  const rename = async () => {
    const next = renaming?.trim();
    setRenaming(null);
    if (
      next &&
      next !== topology.name &&
      (await attempt(() => api.renameTopology(topology.id, next)))
    )
      onChange();
  };

  const duplicate = async () => {
    if (await attempt(() => api.duplicateTopology(topology.id))) onChange();
  };

  const remove = async () => {
    if (!window.confirm(`Delete topology "${topology.name}" and all its versions?`)) return;
    if (await attempt(() => api.deleteTopology(topology.id))) onChange();
  };

  return (
    <li data-testid="topology-row">
      <div className="grow">
        {renaming === null ? (
          <Link href={`/topologies/${topology.id}`}>{topology.name}</Link>
        ) : (
          <input
            aria-label="Topology name"
            value={renaming}
            // biome-ignore lint/a11y/noAutofocus: the field the person just asked to edit
            autoFocus
            onChange={(e) => setRenaming(e.target.value)}
            onBlur={rename}
            onKeyDown={(e) => {
              if (e.key === "Enter") rename();
              if (e.key === "Escape") setRenaming(null);
            }}
          />
        )}
        <div className="muted">
          v{topology.latestVersion} · updated {new Date(topology.updatedAt).toLocaleString()}
        </div>
      </div>
      <span className={`badge ${status}`}>{status}</span>
      <button type="button" onClick={() => setRenaming(topology.name)}>
        Rename
      </button>
      <button type="button" onClick={duplicate}>
        Duplicate
      </button>
      <button type="button" className="danger" onClick={remove}>
        Delete
      </button>
    </li>
  );
}
