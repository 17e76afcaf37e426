// A fresh, migrated database per test file: a temporary SQLite file by default, or a new
// PostgreSQL database when SNAPSTORE_TEST_PG names a server (CI's second pass). Real databases,
// never mocks.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, useDbForProcess, type Db } from "@/lib/db/client";
import type { DbConfig } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";

export interface TestDb {
  db: Db;
  config: DbConfig;
  /** DATABASE_URL form, for child processes (CLI). */
  url: string;
  cleanup(): Promise<void>;
}

export async function createTestDb(opts: { global?: boolean } = { global: true }): Promise<TestDb> {
  const pgAdmin = process.env.SNAPSTORE_TEST_PG;
  let config: DbConfig;
  let url: string;
  let drop: () => Promise<void>;
  if (pgAdmin) {
    const name = `snapstore_t_${crypto.randomBytes(5).toString("hex")}`;
    const admin = new pg.Client({ connectionString: pgAdmin });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(pgAdmin);
    u.pathname = `/${name}`;
    url = u.toString();
    config = { provider: "postgresql", url, embedded: false };
    drop = async () => {
      const c = new pg.Client({ connectionString: pgAdmin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-db-"));
    const file = path.join(dir, "test.db");
    config = { provider: "sqlite", url: file, embedded: false };
    url = `file:${file}`;
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  await migrate(config);
  const db = createDb(config);
  if (opts.global !== false) useDbForProcess(db, config);
  return {
    db,
    config,
    url,
    async cleanup() {
      await db.$disconnect();
      await drop();
    },
  };
}
