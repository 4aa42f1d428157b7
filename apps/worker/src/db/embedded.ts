// The embedded database: PGlite (PostgreSQL in WASM) in `<dataDir>/db`, served in-process on a
// private unix socket so the ordinary pg driver and @prisma/adapter-pg talk to it unchanged.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import type { PoolConfig } from "pg";
import lockfile from "proper-lockfile";
import { OperationalError } from "../errors";

/** Several server connections: with one, the first query error breaks every later query. */
const SOCKET_MAX_CONNECTIONS = 4;

/** Kept small: PGlite's WASM heap grows with these; the worker's data is a few MB of JSON. */
const POSTGRES_CONF = ["shared_buffers = 16MB", "work_mem = 2MB", "maintenance_work_mem = 16MB"];

export interface EmbeddedDatabase {
  /** pg connection settings for the private socket. */
  pool: PoolConfig;
  close(): Promise<void>;
}

/** Opens PGlite; `dataDir` undefined keeps the database in memory (tests). */
export async function startEmbedded(dataDir: string | undefined): Promise<EmbeddedDatabase> {
  const release = dataDir ? await lockDataDir(dataDir) : async () => {};
  try {
    const dbDir = dataDir ? join(dataDir, "db") : undefined;
    if (dbDir && !existsSync(join(dbDir, "PG_VERSION"))) await initialise(dbDir);
    const db = await PGlite.create({ dataDir: dbDir, postgresqlconf: POSTGRES_CONF });
    const socketDir = mkdtempSync(join(tmpdir(), "riffle-pg-"));
    const server = new PGLiteSocketServer({
      db,
      path: join(socketDir, ".s.PGSQL.5432"),
      maxConnections: SOCKET_MAX_CONNECTIONS,
    });
    await server.start();
    return {
      pool: { host: socketDir, port: 5432, user: "postgres", database: "postgres", max: 1 },
      async close() {
        await server.stop();
        await db.close();
        rmSync(socketDir, { recursive: true, force: true });
        await release();
      },
    };
  } catch (err) {
    await release();
    throw err;
  }
}

/** Creating a cluster grows PGlite's WASM heap to ~800 MB, which it never gives back; creating
 *  it in a throw-away instance and reopening keeps the running worker near 300 MB. */
async function initialise(dbDir: string) {
  const db = await PGlite.create({ dataDir: dbDir, postgresqlconf: POSTGRES_CONF });
  await db.close();
}

/** PGlite lets two processes open one directory and corrupt it; a lock file prevents that. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  try {
    return await lockfile.lock(dataDir, { lockfilePath: join(dataDir, "db.lock"), stale: 15_000 });
  } catch (err) {
    throw new OperationalError(
      `the data directory ${dataDir} is in use by another Riffle worker (set RIFFLE_DATA_DIR to another directory)`,
      err,
    );
  }
}
