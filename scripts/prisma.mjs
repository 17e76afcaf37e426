#!/usr/bin/env node
// Wraps the Prisma CLI so it works offline on a fresh clone, and keeps the two providers in step.
//
//   generate          generate both clients (SQLite + PostgreSQL); runs on npm install
//   sync              write prisma/postgresql/schema.prisma from prisma/schema.prisma
//   migration NAME    write a new migration for each provider (diff of the last snapshot vs now)
//   check             fail when the PostgreSQL schema drifted or a schema change has no migration
//
// Why the snapshot: `prisma migrate dev` needs a shadow database, which the WebAssembly engine
// cannot provide here; `migrate diff` between two schema files is offline and exact.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sqliteSchema = path.join(root, "prisma/schema.prisma");
const pgSchema = path.join(root, "prisma/postgresql/schema.prisma");
const providers = {
  sqlite: { schema: sqliteSchema, migrations: path.join(root, "prisma/migrations/sqlite") },
  postgresql: { schema: pgSchema, migrations: path.join(root, "prisma/migrations/postgresql") },
};

// The CLI checks that native engine files exist even though engine "js" never runs them.
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_QUERY_ENGINE_LIBRARY: process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
  DATABASE_URL: process.env.DATABASE_URL || "file:./unused.db",
};
const prismaBin = path.join(root, "node_modules/prisma/build/index.js");

function prisma(args, opts = {}) {
  return execFileSync(process.execPath, [prismaBin, ...args], {
    cwd: root,
    env: { ...env, ...(opts.env ?? {}) },
    encoding: "utf8",
    stdio: opts.capture ? ["ignore", "pipe", "pipe"] : "inherit",
  });
}

export function derivePostgresSchema(text) {
  return text
    .replace(
      "// The source of truth for the data model (SQLite, the embedded default).",
      "// GENERATED from prisma/schema.prisma by `npm run prisma -- sync`. Do not edit by hand.",
    )
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../lib/generated/sqlite"', 'output       = "../../lib/generated/postgresql"');
}

function expectedPg() {
  return derivePostgresSchema(fs.readFileSync(sqliteSchema, "utf8"));
}

function snapshotPath(provider) {
  return path.join(providers[provider].migrations, "schema.snapshot.prisma");
}

function diffScript(provider, fromFile) {
  const { schema } = providers[provider];
  const from = fromFile ? ["--from-schema-datamodel", fromFile] : ["--from-empty"];
  return prisma(["migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
    capture: true,
    env: { SNAPSTORE_PRISMA_SCHEMA: path.relative(root, schema) },
  });
}

function pendingChange(provider) {
  const snap = snapshotPath(provider);
  const script = diffScript(provider, fs.existsSync(snap) ? snap : null);
  return /^\s*(CREATE|ALTER|DROP|INSERT|UPDATE|PRAGMA|DELETE)/m.test(script) ? script : null;
}

const [cmd, ...rest] = process.argv.slice(2);
switch (cmd) {
  case "generate":
    for (const p of Object.values(providers)) {
      prisma(["generate", "--schema", p.schema, "--no-hints"], { capture: true });
    }
    console.log("prisma: generated SQLite and PostgreSQL clients in lib/generated/");
    break;
  case "sync":
    fs.mkdirSync(path.dirname(pgSchema), { recursive: true });
    fs.writeFileSync(pgSchema, expectedPg());
    console.log("prisma: wrote prisma/postgresql/schema.prisma");
    break;
  case "migration": {
    const name = (rest[0] ?? "").replace(/[^a-z0-9_]/gi, "_");
    if (!name) throw new Error("usage: npm run prisma -- migration NAME");
    fs.mkdirSync(path.dirname(pgSchema), { recursive: true });
    fs.writeFileSync(pgSchema, expectedPg());
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    for (const provider of Object.keys(providers)) {
      const script = pendingChange(provider);
      if (!script) {
        console.log(`prisma: ${provider}: no change`);
        continue;
      }
      const dir = path.join(providers[provider].migrations, `${stamp}_${name}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "migration.sql"), script);
      fs.copyFileSync(providers[provider].schema, snapshotPath(provider));
      console.log(`prisma: ${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
    }
    break;
  }
  case "check": {
    const problems = [];
    if (!fs.existsSync(pgSchema) || fs.readFileSync(pgSchema, "utf8") !== expectedPg()) {
      problems.push("prisma/postgresql/schema.prisma differs from the one generated from prisma/schema.prisma (run: npm run prisma -- sync)");
    }
    for (const provider of Object.keys(providers)) {
      if (pendingChange(provider)) {
        problems.push(`${provider}: the schema has changes without a migration (run: npm run prisma -- migration NAME)`);
      }
    }
    if (problems.length) {
      for (const p of problems) console.error(`prisma check: ${p}`);
      process.exit(1);
    }
    console.log("prisma check: schemas in sync, migrations up to date");
    break;
  }
  default:
    console.error("usage: node scripts/prisma.mjs generate|sync|migration NAME|check");
    process.exit(2);
}
