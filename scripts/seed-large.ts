// npm run seed:large -- --snaps N [--seed S]: a realistic synthetic catalogue for benchmarks, in
// the database DATABASE_URL names (SQLite file or PostgreSQL): publishers (some verified), snaps
// with names, titles, summaries, descriptions and categories drawn from word lists, one processed
// revision each released on several architectures, a few percent devmode (beta/edge only), classic
// and private, with their search documents (buildSearchDoc, the very rows the index rebuild
// writes). SQLite: straight through better-sqlite3, one transaction per 1000 snaps (Prisma's
// createMany spends most of its time in JavaScript serialising); PostgreSQL: createMany.
import crypto from "node:crypto";
import { createDb } from "@/lib/db/client";
import { dbConfigFromEnv, redact } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import Database from "better-sqlite3";
import type { Db } from "@/lib/db/client";
import { join, sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { buildSearchDoc } from "@/lib/search/doc";
import { refreshSearchIndex } from "@/lib/server/search-index";

type Row = Record<string, unknown>;

/** A value as Prisma stores it in SQLite: ISO text dates, 0/1 booleans, JSON text. */
function sqliteValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v !== null && typeof v === "object") return JSON.stringify(v);
  return v ?? null;
}

/** Writes a chunk's rows of each table; the search documents replace the marks the triggers left. */
interface Writer {
  write(tables: [string, Row[]][], docs: ReturnType<typeof buildSearchDoc>[]): Promise<void>;
  close(): Promise<void>;
}

function sqliteWriter(file: string): Writer {
  const d = new Database(file);
  d.pragma("busy_timeout = 10000");
  const stmts = new Map<string, Database.Statement>();
  const insert = (table: string, row: Row) => {
    const cols = Object.keys(row);
    const key = `${table}:${cols.join(",")}`;
    let st = stmts.get(key);
    if (!st) stmts.set(key, (st = d.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`)));
    st.run(...cols.map((c) => sqliteValue(row[c])));
  };
  const chunk = d.transaction((tables: [string, Row[]][], docs: ReturnType<typeof buildSearchDoc>[]) => {
    for (const [table, rows] of tables) for (const r of rows) insert(table, r);
    // The FTS row takes its SearchDoc row's rowid (lib/server/search-index.ts says why).
    const fts = d.prepare(`INSERT INTO "SearchFts" (rowid, "snapId", "body") SELECT rowid, "snapId", "body" FROM "SearchDoc" WHERE "snapId" = ?`);
    const dirty = d.prepare(`DELETE FROM "SearchDirty" WHERE "snapId" = ?`);
    for (const { doc, keys } of docs) {
      insert("SearchDoc", doc as unknown as Row);
      for (const key of keys) insert("SearchKey", { key, snapId: doc.snapId });
      fts.run(doc.snapId);
      dirty.run(doc.snapId);
    }
  });
  return {
    write: async (tables, docs) => void chunk(tables, docs),
    close: async () => void d.close(),
  };
}

function prismaWriter(db: Db): Writer {
  return {
    async write(tables, docs) {
      const models = { User: db.user, Account: db.account, Snap: db.snap, Revision: db.revision, Release: db.release } as unknown as Record<
        string,
        { createMany(a: { data: Row[] }): Promise<unknown> }
      >;
      for (const [table, rows] of tables) if (rows.length) await models[table].createMany({ data: rows });
      if (!docs.length) return;
      await db.searchDoc.createMany({ data: docs.map((d) => d.doc) });
      const keys = docs.flatMap((d) => d.keys.map((key) => ({ key, snapId: d.doc.snapId })));
      for (let i = 0; i < keys.length; i += 5000) await db.searchKey.createMany({ data: keys.slice(i, i + 5000) });
      await db.$executeRaw`DELETE FROM "SearchDirty" WHERE "snapId" IN (${join(docs.map((d) => sql`${d.doc.snapId}`))})`;
    },
    close: async () => {},
  };
}

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg("snaps", 1000);
let state = arg("seed", 42) >>> 0;
/** mulberry32: the same catalogue for the same seed. */
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
const id32 = () =>
  crypto
    .randomBytes(24)
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .padEnd(32, "x")
    .slice(0, 32);

const NOUNS = [
  "video",
  "music",
  "photo",
  "code",
  "note",
  "chat",
  "mail",
  "game",
  "map",
  "cloud",
  "sync",
  "term",
  "paint",
  "pdf",
  "book",
  "radio",
  "clock",
  "task",
  "draw",
  "scan",
  "disk",
  "net",
  "vpn",
  "key",
  "pass",
  "font",
  "shell",
  "git",
  "docker",
  "kube",
  "sql",
  "json",
  "yaml",
  "web",
  "feed",
  "pod",
  "cast",
  "stream",
  "record",
  "tune",
];
const SUFFIX = [
  "player",
  "editor",
  "viewer",
  "manager",
  "studio",
  "tool",
  "kit",
  "box",
  "hub",
  "lab",
  "desk",
  "pad",
  "ctl",
  "d",
  "er",
  "ify",
  "ly",
  "io",
  "x",
  "pro",
];
const ADJ = ["fast", "simple", "open", "tiny", "modern", "secure", "free", "light", "smart", "native"];
const VERBS = ["edit", "play", "share", "organise", "convert", "backup", "monitor", "record", "stream", "sync"];
const CATS = [
  "development",
  "productivity",
  "utilities",
  "games",
  "art-and-design",
  "music-and-audio",
  "photo-and-video",
  "social",
  "science",
  "education",
  "server-and-cloud",
  "security",
];
const ARCHS = ["amd64", "arm64", "armhf", "riscv64"];
const LOREM =
  "the a of to and with for your on in files devices from any fast small secure open source written rust go python c cross platform desktop server terminal cli gui plugin theme".split(
    " ",
  );

async function main() {
  const config = dbConfigFromEnv();
  await migrate(config);
  const db = createDb(config);
  const t0 = Date.now();
  const tag = crypto.randomBytes(3).toString("hex");
  const publishers = Math.max(2, Math.ceil(N / 40));
  const users = Array.from({ length: publishers }, (_, i) => ({
    id: `seed-${tag}-u${i}`,
    email: `seed-${tag}-${i}@example.com`,
    passwordHash: "!",
    role: "publisher" as const,
  }));
  const accounts = users.map((u, i) => ({
    id: id32(),
    userId: u.id,
    username: `${pick(NOUNS)}${pick(SUFFIX)}-${i.toString(36)}${tag}`,
    displayName: `${pick(ADJ)[0].toUpperCase()}${pick(NOUNS)} ${pick(["Labs", "Software", "Inc", "Team", "Project", "Foundation"])}`,
    validation: rand() < 0.1 ? ("verified" as const) : ("unproven" as const),
  }));
  const writer = config.provider === "sqlite" ? sqliteWriter(config.url) : prismaWriter(db);
  const now = new Date();
  for (let i = 0; i < users.length; i += 1000)
    await writer.write(
      [
        ["User", users.slice(i, i + 1000).map((u) => ({ ...u, createdAt: now, updatedAt: now }))],
        ["Account", accounts.slice(i, i + 1000).map((a) => ({ ...a, createdAt: now }))],
      ],
      [],
    );
  const accountById = new Map(accounts.map((a) => [a.id, a]));
  const CHUNK = 1000;
  for (let base = 0; base < N; base += CHUNK) {
    const snaps = [];
    const revisions = [];
    const releases = [];
    const docs: ReturnType<typeof buildSearchDoc>[] = [];
    for (let i = base; i < Math.min(N, base + CHUNK); i++) {
      const noun = pick(NOUNS);
      const suffix = pick(SUFFIX);
      // The run tag goes last in base 36 so it is one rare token, not a word every snap shares.
      const name = `${noun}${suffix}-${i.toString(36)}${tag}`;
      const title = `${noun[0].toUpperCase()}${noun.slice(1)} ${suffix[0].toUpperCase()}${suffix.slice(1)}`;
      const id = `seed-${tag}-s${i}`;
      const r = rand();
      const confinement = r < 0.03 ? "devmode" : r < 0.08 ? "classic" : "strict";
      const cats = [pick(CATS), ...(rand() < 0.4 ? [pick(CATS)] : [])];
      snaps.push({
        id,
        snapId: id32(),
        name,
        ownerId: accounts[Math.floor(rand() * accounts.length)].id,
        title: rand() < 0.9 ? title : null,
        summary: `${pick(ADJ)} ${noun} ${suffix} to ${pick(VERBS)} your ${pick(NOUNS)}`.replace(/^./, (c) => c.toUpperCase()),
        description: Array.from({ length: 20 + Math.floor(rand() * 60) }, () => (rand() < 0.2 ? pick(NOUNS) : pick(LOREM))).join(" "),
        license: pick(["MIT", "GPL-3.0-only", "Apache-2.0", "Proprietary", null]),
        categories: [...new Set(cats)],
        private: rand() < 0.02,
        lastRevision: 1,
      });
      const archs = ARCHS.filter((_, k) => k === 0 || rand() < 0.4);
      const revId = `${id}-r1`;
      revisions.push({
        id: revId,
        snapId: id,
        revision: 1,
        uploadId: `${id}-up`,
        status: "ready_to_release" as const,
        version: `${1 + Math.floor(rand() * 5)}.${Math.floor(rand() * 20)}.${Math.floor(rand() * 10)}`,
        confinement: confinement as "strict" | "classic" | "devmode",
        grade: confinement === "devmode" ? ("devel" as const) : ("stable" as const),
        type: "app",
        base: "core24",
        architectures: archs,
        compression: "xz",
        sha3_384: crypto.createHash("sha3-384").update(id).digest("hex"),
        size: BigInt(1_000_000 + Math.floor(rand() * 100_000_000)),
        meta: { plugs: {}, slots: {} },
        errors: [],
        uploaderId: accounts[0].userId,
        processedAt: new Date(),
      });
      const risks = confinement === "devmode" ? ["beta", "edge"] : rand() < 0.3 ? ["stable", "candidate", "edge"] : ["stable"];
      const at = new Date(Date.now() - Math.floor(rand() * 365 * 86400_000));
      for (const architecture of archs)
        for (const risk of risks) releases.push({ snapId: id, track: "latest", risk, branch: "", architecture, revisionId: revId, releasedAt: at });
      const sn = snaps[snaps.length - 1];
      const owner = accountById.get(sn.ownerId)!;
      docs.push(
        buildSearchDoc({
          snap: { ...sn, website: null, contact: null, nameStatus: "active", listingEdited: "" },
          owner: { userId: owner.userId, username: owner.username, displayName: owner.displayName, validation: owner.validation },
          releases: archs.flatMap(() => risks.map(() => ({ releasedAt: at, revision: { confinement } }))),
          meta: revisions[revisions.length - 1].meta,
        }),
      );
    }
    await writer.write(
      [
        ["Snap", snaps.map((sn) => ({ ...sn, createdAt: now, updatedAt: now }))],
        ["Revision", revisions.map((r) => ({ ...r, uploaderId: users[0].id, createdAt: now }))],
        ["Release", releases.map((r, k) => ({ id: `${r.snapId}-rel${k}`, ...r }))],
      ],
      docs,
    );
    process.stdout.write(`\rseed-large: ${Math.min(N, base + CHUNK)}/${N} snaps`);
  }
  const t1 = Date.now();
  await writer.close();
  process.stdout.write(`\nseed-large: rows and search documents written in ${((t1 - t0) / 1000).toFixed(1)} s\n`);
  // Anything else marked meanwhile (normally nothing).
  const indexed = await refreshSearchIndex(db);
  console.log(
    `seed-large: ${indexed} more search documents in ${((Date.now() - t1) / 1000).toFixed(1)} s (${config.provider} ${config.provider === "sqlite" ? config.url : redact(config.url)})`,
  );
  // PostgreSQL plans by table statistics, which autovacuum gathers some time after a bulk load (and
  // never where it is off, as on this project's test machines): without them the planner guesses,
  // and a benchmark run right after the seed measures those guesses, not a running deployment.
  // VACUUM too: the load leaves a dead row in SearchDirty per snap (marked by the triggers, then
  // deleted), which every later search-index refresh would scan (41-59 ms at 100k) until vacuumed.
  // SQLite is left alone: the app never runs ANALYZE there, so a real SQLite store has no statistics.
  if (config.provider === "postgresql") {
    const t2 = Date.now();
    await db.$executeRawUnsafe("VACUUM ANALYZE");
    console.log(`seed-large: VACUUM ANALYZE in ${((Date.now() - t2) / 1000).toFixed(1)} s`);
  }
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
