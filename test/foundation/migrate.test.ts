import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { loadMigrations, migrate, migratePostgres, migrateSqlite, migrationsDir } from "@/lib/db/migrate";
import { ConfigError } from "@/lib/db/config";

const made: string[] = [];
function tmpDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function tmpMigrations(files: Record<string, string>): string {
  const dir = tmpDir("mig-");
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("SQLite migration runner", () => {
  it("creates the database file owner-only (0600: it holds password hashes) and tightens an old 0644 one", () => {
    const file = path.join(tmpDir("db-"), "perm.db");
    migrateSqlite(file, loadMigrations(migrationsDir("sqlite")));
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    fs.chmodSync(file, 0o644);
    migrateSqlite(file, loadMigrations(migrationsDir("sqlite")));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("applies the real migrations once, then nothing", () => {
    const file = path.join(tmpDir("db-"), "a.db");
    const migrations = loadMigrations(migrationsDir("sqlite"));
    expect(migrations.length).toBeGreaterThan(0);
    const first = migrateSqlite(file, migrations);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const second = migrateSqlite(file, migrations);
    expect(second).toEqual({ applied: [], alreadyApplied: migrations.length });
    const db = new Database(file);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(["User", "Snap", "Revision", "Release", "ReviewRequest", "AuditLog"]));
    db.close();
  });

  it("rolls back a failing migration entirely and reports it", () => {
    const file = path.join(tmpDir("db-"), "b.db");
    const dir = tmpMigrations({
      "001_ok": "CREATE TABLE a (id INTEGER);",
      "002_bad": "CREATE TABLE b (id INTEGER); INSERT INTO nope VALUES (1);",
    });
    expect(() => migrateSqlite(file, loadMigrations(dir))).toThrow(/nope/);
    const db = new Database(file);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]).map((t) => t.name);
    // One transaction for the run: nothing of it stays behind.
    expect(tables).not.toContain("a");
    expect(tables).not.toContain("b");
    db.close();
  });

  it("refuses a migration edited after it was applied", () => {
    const file = path.join(tmpDir("db-"), "c.db");
    const dir = tmpMigrations({ "001_ok": "CREATE TABLE a (id INTEGER);" });
    migrateSqlite(file, loadMigrations(dir));
    fs.writeFileSync(path.join(dir, "001_ok", "migration.sql"), "CREATE TABLE a (id TEXT);");
    expect(() => migrateSqlite(file, loadMigrations(dir))).toThrow(/changed after it was applied/);
  });
});

const pgAdmin = process.env.SNAPSTORE_TEST_PG;

// Runs in CI's PostgreSQL pass (SNAPSTORE_TEST_PG set by .ci/run).
describe.runIf(Boolean(pgAdmin))("PostgreSQL migration runner", () => {
  async function freshDb(): Promise<{ url: string; drop: () => Promise<void> }> {
    const name = `snapstore_mig_${crypto.randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(pgAdmin!);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      drop: async () => {
        const c = new pg.Client({ connectionString: pgAdmin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }

  it("applies the real migrations once, even with instances starting together", async () => {
    const { url, drop } = await freshDb();
    try {
      const migrations = loadMigrations(migrationsDir("postgresql"));
      const results = await Promise.all([migratePostgres(url, migrations), migratePostgres(url, migrations), migratePostgres(url, migrations)]);
      expect(results.map((r) => r.applied.length).sort()).toEqual([0, 0, migrations.length]);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query('SELECT count(*)::int AS n FROM "User"');
      expect(rows[0].n).toBe(0);
      await c.end();
    } finally {
      await drop();
    }
  });

  it("rolls back a failing migration and keeps the earlier ones", async () => {
    const { url, drop } = await freshDb();
    try {
      const dir = tmpMigrations({ "001_ok": "CREATE TABLE a (id INTEGER);", "002_bad": "CREATE TABLE b (id INTEGER); SELECT * FROM nope;" });
      await expect(migratePostgres(url, loadMigrations(dir))).rejects.toThrow(/002_bad failed/);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const { rows } = await c.query("SELECT name FROM _snapstore_migrations");
      expect(rows.map((r) => r.name)).toEqual(["001_ok"]);
      const b = await c.query("SELECT to_regclass('public.b') AS t");
      expect(b.rows[0].t).toBeNull();
      await c.end();
    } finally {
      await drop();
    }
  });
});

it("an unreachable PostgreSQL server is a ConfigError naming the server", async () => {
  await expect(migrate({ provider: "postgresql", url: "postgresql://u:pw@127.0.0.1:1/x", embedded: false })).rejects.toSatisfy(
    (e: unknown) => e instanceof ConfigError && /cannot connect to the database at postgresql:\/\/u:\*\*\*@127\.0\.0\.1:1\/x/.test((e as Error).message),
  );
});
