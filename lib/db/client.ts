// The Prisma client for whichever database DATABASE_URL names. Both generated clients come from
// schemas with identical models (scripts/prisma.mjs check), so one type serves both.
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { dbConfigFromEnv, type DbConfig } from "./config";

export type Db = SqliteClient;
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export function createDb(config: DbConfig): Db {
  if (config.provider === "sqlite") {
    // busy timeout: concurrent writers (two uploads at once) wait instead of failing with SQLITE_BUSY.
    const adapter = new PrismaBetterSQLite3({ url: `file:${config.url}`, timeout: 10_000 });
    return new SqliteClient({ adapter });
  }
  const adapter = new PrismaPg({ connectionString: config.url, max: Number(process.env.SNAPSTORE_DB_POOL || 10) });
  return new PostgresClient({ adapter }) as unknown as Db;
}

const globalForDb = globalThis as unknown as { snapstoreDb?: Db; snapstoreDbConfig?: DbConfig };

export function dbConfig(): DbConfig {
  return (globalForDb.snapstoreDbConfig ??= dbConfigFromEnv());
}

/** The process-wide client (one per server process; survives dev hot reloads). */
export function getDb(): Db {
  return (globalForDb.snapstoreDb ??= createDb(dbConfig()));
}

/** Points the process-wide client at another database (integration tests use a fresh one each). */
export function useDbForProcess(db: Db, config: DbConfig): void {
  globalForDb.snapstoreDb = db;
  globalForDb.snapstoreDbConfig = config;
}

/** Resolves when the database answers a query (the health check's probe). */
export async function pingDatabase(db: Db): Promise<void> {
  await db.user.count();
}
