// Opens the worker's database: the embedded PGlite by default, a real PostgreSQL when
// DATABASE_URL is set. Both get the same migrations and the same Prisma client.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { startEmbedded } from "./embedded";
import { PrismaClient } from "./generated/client";
import { migrate } from "./migrate";

export type { PrismaClient } from "./generated/client";

export interface Database {
  prisma: PrismaClient;
  kind: "pglite" | "postgresql";
  /** Migrations applied by this start (empty when the schema was current). */
  applied: string[];
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  /** Where PGlite keeps its files; undefined keeps it in memory. */
  embeddedDir?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.databaseUrl ? undefined : await startEmbedded(options.embeddedDir);
  const pool: pg.PoolConfig = embedded?.pool ?? {
    connectionString: options.databaseUrl,
    max: 5,
  };
  try {
    const applied = await withClient(pool, migrate);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    await prisma.$connect();
    return {
      prisma,
      kind: embedded ? "pglite" : "postgresql",
      applied,
      async close() {
        await prisma.$disconnect();
        await embedded?.close();
      },
    };
  } catch (err) {
    await embedded?.close();
    throw err;
  }
}

async function withClient<T>(pool: pg.PoolConfig, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pool);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
