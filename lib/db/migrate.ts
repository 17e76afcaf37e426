// Applies the SQL migrations in prisma/migrations/<provider>/ in order, each in a transaction,
// recording them in _snapstore_migrations. One runner for both providers because the Prisma 6
// CLI cannot migrate PostgreSQL through a driver adapter (see docs/stack notes, prisma#27403).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { ConfigError, redact, type DbConfig, type DbProvider } from "./config";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export function migrationsDir(provider: DbProvider, root = process.cwd()): string {
  return path.join(root, "prisma", "migrations", provider);
}

export function loadMigrations(dir: string): Migration[] {
  if (!fs.existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const TABLE = "_snapstore_migrations";

function verify(applied: Map<string, string>, migrations: Migration[]) {
  const known = new Set(migrations.map((m) => m.name));
  for (const [name, checksum] of applied) {
    if (!known.has(name)) {
      throw new Error(`database has migration ${name}, which this version of Snapstore does not know (is the app older than the database?)`);
    }
    const m = migrations.find((x) => x.name === name)!;
    if (m.checksum !== checksum) {
      throw new Error(`migration ${name} was changed after it was applied (checksum mismatch)`);
    }
  }
}

/**
 * The database file holds password hashes: owner-only (0600), created so (never a moment at the
 * umask's 0644) and tightened if an older version left it readable. SQLite gives its -wal and -shm
 * files the database file's permissions.
 */
export function restrictSqliteFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}

export function migrateSqlite(file: string, migrations: Migration[]): MigrateResult {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  restrictSqliteFile(file);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    // BEGIN IMMEDIATE takes the write lock, so two processes starting at once apply each migration once.
    const run = db.transaction(() => {
      const rows = db.prepare(`SELECT name, checksum FROM "${TABLE}"`).all() as { name: string; checksum: string }[];
      const applied = new Map(rows.map((r) => [r.name, r.checksum]));
      verify(applied, migrations);
      const done: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.name)) continue;
        db.exec(m.sql);
        db.prepare(`INSERT INTO "${TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`).run(m.name, m.checksum, new Date().toISOString());
        done.push(m.name);
      }
      return { applied: done, alreadyApplied: applied.size };
    });
    return run.immediate();
  } finally {
    db.close();
  }
}

// Any constant works; it only has to be the same for every instance of the app.
const PG_LOCK_KEY = 727_351_101;

export async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    // Several stateless app instances may start together: one migrates, the others wait.
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM "${TABLE}"`);
    const applied = new Map(rows.map((r) => [r.name, r.checksum]));
    verify(applied, migrations);
    const done: string[] = [];
    for (const m of migrations) {
      if (applied.has(m.name)) continue;
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${TABLE}" (name, checksum) VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      done.push(m.name);
    }
    return { applied: done, alreadyApplied: applied.size };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

export async function migrate(config: DbConfig, root = process.cwd()): Promise<MigrateResult> {
  const migrations = loadMigrations(migrationsDir(config.provider, root));
  if (config.provider === "sqlite") return migrateSqlite(config.url, migrations);
  try {
    return await migratePostgres(config.url, migrations);
  } catch (err) {
    throw toConfigError(err, config);
  }
}

/** Turns "cannot reach the database" into the one clear start-up line. */
export function toConfigError(err: unknown, config: DbConfig): unknown {
  const e = err as NodeJS.ErrnoException & { code?: string };
  const reachability = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "3D000", "28P01", "28000"];
  if (e?.code && reachability.includes(e.code)) {
    return new ConfigError(`cannot connect to the database at ${redact(config.url)}: ${e.message || e.code}`);
  }
  if (e instanceof Error && /timeout|terminated unexpectedly/i.test(e.message)) {
    return new ConfigError(`cannot connect to the database at ${redact(config.url)}: ${e.message}`);
  }
  return err;
}
