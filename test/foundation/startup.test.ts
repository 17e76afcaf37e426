// The start-up path as a person runs it: `node scripts/start.mjs` and the admin CLI, as child processes.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

function run(args: string[], env: Record<string, string | undefined>, input?: string) {
  const r = spawnSync(process.execPath, args, {
    env: { ...process.env, DATABASE_URL: undefined, NEXTAUTH_SECRET: undefined, ...env },
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/npm warn.*\n/g, "") };
}

const made: string[] = [];
const tmp = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-start-"));
  made.push(dir);
  return dir;
};
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("start-up with bad configuration stops with one clear line", () => {
  it("unknown scheme", () => {
    const r = run(["scripts/start.mjs", "start"], { DATABASE_URL: "mysql://root@localhost/store", SNAPSTORE_DATA_DIR: tmp() });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^snapstore: DATABASE_URL has an unsupported scheme "mysql"/)]);
  });

  it("unreachable PostgreSQL", () => {
    const r = run(["scripts/start.mjs", "start"], {
      DATABASE_URL: "postgresql://snap:pw@127.0.0.1:1/store",
      NEXTAUTH_SECRET: "x".repeat(32),
      SNAPSTORE_DATA_DIR: tmp(),
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^snapstore: cannot connect to the database at postgresql:\/\/snap:\*\*\*@127\.0\.0\.1:1\/store/),
    ]);
  });

  it("PostgreSQL without NEXTAUTH_SECRET", () => {
    const r = run(["scripts/start.mjs", "start"], { DATABASE_URL: "postgresql://127.0.0.1:1/store", SNAPSTORE_DATA_DIR: tmp() });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("snapstore: NEXTAUTH_SECRET is required with DATABASE_URL=postgresql://... (every app instance must share it)");
  });
});

describe("embedded default", () => {
  it("db prepare migrates and seeds demo data once", () => {
    const dir = tmp();
    const first = run(["cli/snapstore.mjs", "db", "prepare"], { SNAPSTORE_DATA_DIR: dir });
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("demo data written");
    const second = run(["cli/snapstore.mjs", "db", "prepare"], { SNAPSTORE_DATA_DIR: dir });
    expect(second.stdout).not.toContain("demo data written");
    const db = new Database(path.join(dir, "snapstore.db"), { readonly: true });
    const roles = db.prepare("SELECT role, count(*) AS n FROM User GROUP BY role ORDER BY role").all();
    expect(roles).toEqual([
      { role: "admin", n: 1 },
      { role: "publisher", n: 1 },
      { role: "reviewer", n: 2 },
      { role: "user", n: 1 },
    ]);
    const snaps = db.prepare("SELECT count(*) AS n FROM Snap").get() as { n: number };
    expect(snaps.n).toBeGreaterThan(2);
    db.close();
  });

  it("SNAPSTORE_DEMO=0 seeds nothing", () => {
    const dir = tmp();
    expect(run(["cli/snapstore.mjs", "db", "prepare"], { SNAPSTORE_DATA_DIR: dir, SNAPSTORE_DEMO: "0" }).status).toBe(0);
    const db = new Database(path.join(dir, "snapstore.db"), { readonly: true });
    expect((db.prepare("SELECT count(*) AS n FROM User").get() as { n: number }).n).toBe(0);
    db.close();
  });
});

describe("user create", () => {
  it("creates an account with the password from stdin, refuses duplicates and bad roles", () => {
    const dir = tmp();
    const env = { SNAPSTORE_DATA_DIR: dir, SNAPSTORE_DEMO: "0" };
    const ok = run(["cli/snapstore.mjs", "user", "create", "--email", "Rev@Example.com", "--role", "reviewer"], env, "long-password\n");
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^created reviewer rev@example\.com/);
    const dup = run(["cli/snapstore.mjs", "user", "create", "--email", "rev@example.com", "--role", "user"], env, "long-password\n");
    expect(dup.status).toBe(1);
    expect(dup.stderr.trim()).toBe("snapstore: An account with that email already exists.");
    const bad = run(["cli/snapstore.mjs", "user", "create", "--email", "x@example.com", "--role", "boss"], env, "long-password\n");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("Role must be one of: user, publisher, reviewer, admin.");
    const short = run(["cli/snapstore.mjs", "user", "create", "--email", "y@example.com", "--role", "user"], env, "short\n");
    expect(short.stderr).toContain("at least 8 characters");
  });
});
