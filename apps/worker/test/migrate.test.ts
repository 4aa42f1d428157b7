// The offline migrator on each database: applies in order, records in _prisma_migrations like
// prisma migrate, is idempotent, rolls a failing migration back, refuses an edited one, and
// (on PostgreSQL, where sessions are real) lets one of several concurrent starters apply.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbedded } from "../src/db/embedded";
import { type Migration, migrate, readMigrations } from "../src/db/migrate";
import { backends, freshStore, type TestStore } from "./harness";

const extra = (name: string, sql: string, checksum = "a".repeat(64)): Migration => ({
  name,
  sql,
  checksum,
});

describe.each(backends())("migrate on $name", (backend) => {
  let embedded: EmbeddedDatabase | undefined;
  let store: TestStore | undefined;
  let pool: pg.ClientConfig;
  beforeAll(async () => {
    if (backend.name === "pglite") {
      embedded = await startEmbedded(undefined);
      pool = embedded.pool;
    } else {
      store = await freshStore(backend);
      pool = { connectionString: store.env.DATABASE_URL };
    }
  });
  afterAll(async () => {
    await embedded?.close();
    await store?.drop();
  });

  async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const c = new pg.Client(pool);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  it("applies the committed migrations once and records them like prisma migrate", async () => {
    const committed = readMigrations();
    await withClient(async (c) => {
      expect(await migrate(c, committed)).toEqual(committed.map((m) => m.name));
      expect(await migrate(c, committed)).toEqual([]);
      const rows = await c.query(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"`,
      );
      expect(rows.rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
      expect(rows.rows[0].checksum).toBe(committed[0]!.checksum);
      expect(rows.rows[0].finished_at).not.toBeNull();
    });
  });

  it("rolls back a failing migration and records nothing", async () => {
    const bad = extra(
      "20991231000001_bad",
      "CREATE TABLE half_done (id int); SELECT no_such_function();",
    );
    await withClient(async (c) => {
      await expect(migrate(c, [bad])).rejects.toThrow(/20991231000001_bad failed/);
      expect((await c.query(`SELECT to_regclass('half_done') AS t`)).rows[0].t).toBeNull();
      const recorded = await c.query(
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`,
        [bad.name],
      );
      expect(recorded.rowCount).toBe(0);
    });
  });

  it("refuses a migration whose file changed after it was applied", async () => {
    const original = extra("20991231000002_extra", "CREATE TABLE extra_two (id int)");
    const edited = extra(original.name, "CREATE TABLE extra_two (id int, x int)", "b".repeat(64));
    await withClient(async (c) => {
      await migrate(c, [...readMigrations(), original]);
      await expect(migrate(c, [...readMigrations(), edited])).rejects.toThrow(
        /was edited after it was applied/,
      );
    });
  });

  if (backend.name === "postgresql") {
    it("lets exactly one of four concurrent starters apply a new migration (advisory lock)", async () => {
      const m = extra("20991231000003_race", "CREATE TABLE race (id int)");
      const results = await Promise.all(
        [1, 2, 3, 4].map(() => withClient((c) => migrate(c, [...readMigrations(), m]))),
      );
      expect(results.flat()).toEqual([m.name]);
    });
  }
});
