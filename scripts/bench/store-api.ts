// Benchmark of the store API snapd speaks: GET /v2/snaps/find (a fixed mix of exact, prefix, typo
// and multi-word queries) and POST /v2/snaps/refresh (20 snaps in the context), p50/p95 at
// concurrency 1 and throughput at concurrency 16, against a static reference answered by the same
// server in the same run (what the HTTP path costs without the database).
//
//   npm run bench:store-api -- [--snaps 2000] [--duration 5] [--cold]   (--cold: no store cache)
//   npm run bench:store-api -- --writes 10   (10 catalogue writes a second meanwhile, see WRITES)
//   npm run bench:store-api -- --database-url file:/path/100k.db   (a catalogue from seed:large)
//   SNAPSTORE_TEST_PG=postgresql://postgres@127.0.0.1:5432/test npm run bench:store-api   (PostgreSQL)
//
// It seeds its own synthetic catalogue into a fresh database (test/support/db.ts: a temp SQLite
// file, or a new PostgreSQL database), serves the route handlers behind node:http
// (test/server/store-api-server.ts; no Next build, so the framework's own cost is not included),
// and loads them with wrk (a separate process; Lua scripts rotate the queries and report p95).
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createTestDb } from "@/test/support/db";
import { startStoreServer } from "@/test/server/store-api-server";
import { createDb, useDbForProcess, type Db } from "@/lib/db/client";
import { dbConfigFromEnv } from "@/lib/db/config";
import { refreshSearchIndex } from "@/lib/server/search-index";
import { saveResults } from "./util";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const SNAPS = arg("snaps", 2000);
const DURATION = arg("duration", 5);
// --cold: the store API's generation cache keeps nothing, so every request pays the database.
const COLD = process.argv.includes("--cold");
if (COLD) process.env.SNAPSTORE_STORE_CACHE = "off";
// --writes N: N listing edits a second, each to one random listed snap, while the load runs: on
// SQLite through the server's own client (the embedded default is one instance: a second client
// on the file would measure SQLite's busy-wait backoff between processes), on PostgreSQL through a
// second client (another instance's publisher). Every write moves the catalogue generation, so
// find answers are recomputed; what a write costs the readers is the point.
const WRITES = arg("writes", 0);

const WORDS =
  "video player editor music audio photo image code terminal browser mail chat note calendar game puzzle chess weather map office spreadsheet server database monitor backup sync cloud network vpn password manager reader book podcast radio stream record draw paint design font language translate dictionary science math chemistry astronomy".split(
    " ",
  );
const CATEGORIES = ["development", "productivity", "utilities", "games", "education", "science"];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const id32 = () => Array.from(crypto.randomBytes(32), (b) => ALNUM[b % ALNUM.length]).join("");

/** A deterministic pseudo-random sequence, so every run seeds the same catalogue. */
function rng(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

export async function seed(db: Db, n: number): Promise<{ snapIds: string[]; names: string[] }> {
  const rand = rng(42);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)];
  const users = Array.from({ length: 20 }, (_, i) => ({
    id: `bench-user-${i}`,
    email: `bench${i}@example.com`,
    passwordHash: "x",
    role: "publisher" as const,
  }));
  await db.user.createMany({ data: users });
  const accounts = users.map((u, i) => ({
    id: id32(),
    userId: u.id,
    username: `bench-pub-${i}`,
    displayName: `Bench Publisher ${i}`,
    validation: i < 3 ? ("verified" as const) : ("unproven" as const),
  }));
  await db.account.createMany({ data: accounts });
  const snapIds: string[] = [];
  const names: string[] = [];
  const BATCH = 500;
  for (let start = 0; start < n; start += BATCH) {
    const snaps = [];
    const revisions = [];
    const releases = [];
    for (let i = start; i < Math.min(n, start + BATCH); i++) {
      const w1 = pick(WORDS);
      const w2 = pick(WORDS);
      const name = `${w1}-${w2}-${i}`;
      const owner = pick(accounts);
      const snapId = id32();
      const r = rand();
      const confinement = r < 0.03 ? "devmode" : r < 0.1 ? "classic" : "strict";
      snaps.push({
        id: `bench-snap-${i}`,
        snapId,
        name,
        ownerId: owner.id,
        title: `${w1[0].toUpperCase()}${w1.slice(1)} ${w2}`,
        summary: `A ${w1} ${w2} for everyone`,
        description: `The ${w1} ${w2} snap: ${pick(WORDS)}, ${pick(WORDS)} and ${pick(WORDS)}.`,
        categories: [pick(CATEGORIES)],
        classicGranted: confinement === "classic",
        lastRevision: 1,
      });
      revisions.push({
        id: `bench-rev-${i}`,
        snapId: `bench-snap-${i}`,
        revision: 1,
        uploadId: `bench-upload-${i}`,
        status: "ready_to_release" as const,
        version: "1.0",
        confinement: confinement as "strict" | "classic" | "devmode",
        grade: "stable" as const,
        type: "app",
        architectures: ["amd64"],
        sha3_384: crypto.createHash("sha3-384").update(name).digest("hex"),
        size: 4096 + i,
        snapYaml: `name: ${name}\nversion: '1.0'\nsummary: A ${w1} ${w2}\ndescription: x\nconfinement: ${confinement}\n`,
        meta: { epoch: "0" },
        errors: [],
        uploaderId: users[accounts.indexOf(owner)].id,
        processedAt: new Date(),
      });
      for (const risk of confinement === "devmode" ? ["beta", "edge"] : ["stable", "beta"]) {
        releases.push({ snapId: `bench-snap-${i}`, track: "latest", risk, branch: "", architecture: "amd64", revisionId: `bench-rev-${i}` });
      }
      if (confinement !== "devmode") {
        snapIds.push(snapId);
        names.push(name);
      }
    }
    await db.snap.createMany({ data: snaps });
    await db.revision.createMany({ data: revisions });
    await db.release.createMany({ data: releases });
  }
  return { snapIds, names };
}

function luaFind(paths: string[]): string {
  return `
local paths = {${paths.map((p) => JSON.stringify(p)).join(",")}}
local i = 0
wrk.headers["Snap-Device-Series"] = "16"
wrk.headers["Snap-Device-Architecture"] = "amd64"
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
`;
}

function luaPost(path: string, bodies: string[]): string {
  return `
local bodies = {${bodies.map((b) => `[==[${b}]==]`).join(",")}}
local i = 0
wrk.headers["Snap-Device-Series"] = "16"
wrk.headers["Snap-Device-Architecture"] = "amd64"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i + 1
  return wrk.format("POST", ${JSON.stringify(path)}, nil, bodies[(i % #bodies) + 1])
end
`;
}

const LUA_DONE = `
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d\\n", latency:percentile(50), latency:percentile(95), summary.requests, summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
`;

interface Load {
  p50ms: number;
  p95ms: number;
  rps: number;
  errors: number;
}

/** Runs wrk without blocking the event loop: this process is also the server. */
async function wrk(url: string, lua: string, connections: number): Promise<Load> {
  const file = path.join(os.tmpdir(), `bench-store-api-${process.pid}-${crypto.randomBytes(4).toString("hex")}.lua`);
  fs.writeFileSync(file, lua + LUA_DONE);
  try {
    const { stdout: out } = await promisify(execFile)(
      "wrk",
      ["-t", connections > 1 ? "2" : "1", "-c", String(connections), "-d", `${DURATION}s`, "-s", file, url],
      { encoding: "utf8" },
    );
    const m = /RESULT (\d+) (\d+) (\d+) (\d+) (\d+)/.exec(out);
    if (!m) throw new Error(`wrk gave no result:\n${out}`);
    const [, p50, p95, requests, duration, errors] = m.map(Number);
    return { p50ms: p50 / 1000, p95ms: p95 / 1000, rps: Math.round((requests / duration) * 1e6), errors };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/**
 * --database-url URL: an existing catalogue (`npm run seed:large`, 10k or 100k snaps) instead of a
 * fresh one; its first listed non-devmode snaps are the exact queries and the refresh context.
 */
async function existing(url: string) {
  const config = dbConfigFromEnv({ DATABASE_URL: url });
  const db = createDb(config);
  useDbForProcess(db, config);
  const rows = await db.snap.findMany({
    where: { private: false, nameStatus: "active", releases: { some: { architecture: "amd64", revision: { confinement: { not: "devmode" } } } } },
    select: { name: true, snapId: true },
    orderBy: { name: "asc" },
    take: 200,
  });
  const snaps = await db.snap.count();
  return { t: { db, config, cleanup: () => db.$disconnect() }, snapIds: rows.map((r) => r.snapId), names: rows.map((r) => r.name), snaps };
}

/** --writes: one summary edit every 1000/WRITES ms; stop() says how many. */
function startWriter(server: Db, config: Parameters<typeof createDb>[0], names: string[]) {
  const own = config.provider === "postgresql";
  const db = own ? createDb(config) : server;
  let done = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    const name = names[Math.floor(Math.random() * names.length)];
    db.snap
      .update({ where: { name }, data: { summary: `Edited at ${Date.now()}` } })
      .then(() => done++)
      .finally(() => (busy = false));
  }, 1000 / WRITES);
  return {
    stop: async () => {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 10));
      if (own) await db.$disconnect();
      return done;
    },
  };
}

async function main() {
  const dbUrl = process.argv.includes("--database-url") ? process.argv[process.argv.indexOf("--database-url") + 1] : null;
  const started = Date.now();
  const ctx = dbUrl
    ? await existing(dbUrl)
    : await (async () => {
        const t = await createTestDb();
        return { t, ...(await seed(t.db, SNAPS)), snaps: SNAPS };
      })();
  const { t, snapIds, names } = ctx;
  try {
    console.log(`${dbUrl ? "opened" : "seeded"} ${ctx.snaps} snaps on ${t.config.provider} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // The index is built once before measuring (steady state), not by the first concurrent searches.
    const indexed = Date.now();
    await refreshSearchIndex(t.db);
    console.log(`search index built in ${((Date.now() - indexed) / 1000).toFixed(1)} s`);
    const server = await startStoreServer({ record: false });
    const staticBody = fs.readFileSync(path.resolve("package.json"));
    server.override = async (_req, pathname) =>
      pathname === "/static.json"
        ? new Response(staticBody, { headers: { "Content-Type": "application/json", "Content-Length": String(staticBody.length) } })
        : null;
    try {
      const exact = names.slice(0, 5);
      const findPaths = [
        ...exact.map((n) => `/v2/snaps/find?q=${n}`),
        "/v2/snaps/find?q=video",
        "/v2/snaps/find?q=vid",
        "/v2/snaps/find?q=vdieo",
        "/v2/snaps/find?q=video%20player",
        "/v2/snaps/find?q=music%20editor",
        "/v2/snaps/find?name=chess",
        "/v2/snaps/find?category=games",
      ].map((p) => `${p}&fields=title,summary,version,publisher,confinement,download&confinement=strict,classic&architecture=amd64`);
      const refreshBodies = Array.from({ length: 8 }, (_, k) => {
        const ids = Array.from({ length: 20 }, (_, j) => snapIds[(k * 20 + j) % snapIds.length]);
        return JSON.stringify({
          context: ids.map((id, j) => ({
            "snap-id": id,
            "instance-key": id,
            revision: j % 2 ? 1 : 0,
            "tracking-channel": "latest/stable",
            epoch: { read: [0], write: [0] },
          })),
          actions: ids.map((id) => ({ action: "refresh", "instance-key": id, "snap-id": id })),
          fields: ["download", "revision", "version", "snap-yaml", "confinement", "epoch"],
        });
      });
      // Warm up (JIT, Prisma's first queries, the page cache).
      await wrk(`${server.base}/static.json`, "", 4);
      await wrk(server.base, luaFind(findPaths), 4);
      await wrk(server.base, luaPost("/v2/snaps/refresh", refreshBodies), 4);
      const results: Record<string, { c1: Load; c16: Load }> = {};
      const measure = async (name: string, url: string, lua: string) => {
        results[name] = { c1: await wrk(url, lua, 1), c16: await wrk(url, lua, 16) };
        const r = results[name];
        console.log(
          `${name.padEnd(22)} c1 p50 ${r.c1.p50ms.toFixed(2)} ms  p95 ${r.c1.p95ms.toFixed(2)} ms  ${r.c1.rps} req/s | c16 ${r.c16.rps} req/s (p50 ${r.c16.p50ms.toFixed(1)} ms, p95 ${r.c16.p95ms.toFixed(1)} ms)${r.c1.errors + r.c16.errors ? `  ERRORS ${r.c1.errors + r.c16.errors}` : ""}`,
        );
      };
      const writer = WRITES > 0 ? startWriter(t.db, t.config, names) : null;
      await measure("static reference", `${server.base}/static.json`, "");
      await measure("GET /v2/snaps/find", server.base, luaFind(findPaths));
      await measure("POST refresh (20)", server.base, luaPost("/v2/snaps/refresh", refreshBodies));
      if (writer) console.log(`writes meanwhile: ${await writer.stop()}`);
      const file = saveResults(`store-api-${t.config.provider}-${ctx.snaps}${COLD ? "-cold" : ""}${WRITES ? `-writes${WRITES}` : ""}`, {
        snaps: ctx.snaps,
        cold: COLD,
        writesPerSecond: WRITES,
        provider: t.config.provider,
        durationS: DURATION,
        loadavg: os.loadavg(),
        results,
      });
      console.log(
        `results: ${file} (load average at the end: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(" ")})`,
      );
    } finally {
      // wrk may leave requests that timed out still running: let them finish before the database goes.
      await new Promise((r) => setTimeout(r, 3000));
      await server.close();
    }
  } finally {
    await t.cleanup();
  }
}

if (process.argv[1]?.endsWith("store-api.ts"))
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
