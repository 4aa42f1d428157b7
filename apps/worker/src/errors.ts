// Error taxonomy of the worker: user errors (the request is wrong, 4xx), operational errors
// (something outside us failed: database, Kafka, 503) and internal errors (a bug, 500).
import type { Finding } from "@riffle/topology";

/** The request cannot be served as sent; `status` is the HTTP status to answer with. */
export class UserError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409 | 413 | 422,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "UserError";
  }
}

export class NotFoundError extends UserError {
  constructor(what: string, id: string) {
    super(404, "not_found", `${what} '${id}' does not exist`, { what, id });
  }
}

/** Saving on top of a version that is no longer the latest (optimistic concurrency). */
export class VersionConflictError extends UserError {
  constructor(topologyId: string, expected: number, current: number) {
    super(
      409,
      "version_conflict",
      `topology '${topologyId}' is at version ${current}, not ${expected}: reload and merge`,
      { currentVersion: current, baseVersion: expected },
    );
  }
}

export class InvalidTopologyError extends UserError {
  constructor(readonly findings: Finding[]) {
    const first = findings.find((f) => f.severity === "error") ?? findings[0];
    const where = first?.nodeId ? ` (node '${first.nodeId}')` : "";
    super(422, "invalid_topology", `invalid topology: ${first?.message ?? "unknown"}${where}`, {
      findings,
    });
  }
}

/** Something the worker depends on failed (database, Kafka, the file system). */
export class OperationalError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = "OperationalError";
  }
}
