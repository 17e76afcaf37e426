// npm run bench:review — the review queue with 10,000 open items, in process, on a fresh database
// (SQLite temp file; PostgreSQL when SNAPSTORE_TEST_PG names a server):
//   - listQueue (the queue page's data) and GET /api/v1/review/queue through the real route
//     handler (Bearer token, JSON) p50/p95: first page, a kind filter, a search, a late page
//     (goal: p95 < 50 ms)
//   - the queue page's statistics (reviewStats) p50/p95
//   - time from the deciding call to the revision being ready_to_release (goal: inside the
//     request, < 100 ms): classic approval (grant + re-review) and an interface approval (a new
//     signed snap-declaration + re-review)
// BENCH_ITEMS=n changes the number of open items; BENCH_RUNS the samples per figure. Runs under
// vitest (scripts/bench/vitest.config.mts) so the route handler loads as in the tests.
import { NextRequest } from "next/server";
import { test } from "vitest";
import { buildIdentity } from "@/lib/assertions/identity";
import { fixtureKey } from "@/lib/assertions/testing";
import { decide, listQueue, reviewStats, vote } from "@/lib/server/review-queue";
import { useSigningIdentityForProcess } from "@/lib/server/signing";
import { issueTokenFor } from "@/lib/server/tokens";
import { createUser } from "@/lib/server/users";
import { createTestDb } from "@/test/support/db";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/lib/generated/postgresql/client";
import { useDbForProcess, type Db } from "@/lib/db/client";
import type { DbConfig } from "@/lib/db/config";
import { GET as queueGET } from "@/app/api/v1/review/queue/route";
import { saveResults } from "./util";

const ITEMS = Number(process.env.BENCH_ITEMS || 10_000);
const RUNS = Number(process.env.BENCH_RUNS || 60);
const KINDS = ["classic", "installation", "connection", "auto_connection", "revision", "name"] as const;
const IFACES = ["camera", "audio-record", "home", "removable-media", "snapd-control", "network-control"];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(2);
}

async function sample(fn: () => Promise<unknown>, runs = RUNS): Promise<{ p50: number; p95: number; runs: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: statement caches, JIT
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95), runs };
}

const classicYaml = (name: string) => `name: ${name}\nversion: '1.0'\nsummary: classic tool\ndescription: a classic tool\nconfinement: classic\n`;
const controlYaml = (name: string) =>
  `name: ${name}\nversion: '1.0'\nsummary: control\ndescription: uses snapd-control\napps:\n  app:\n    command: bin/app\n    plugs: [snapd-control]\n`;

/**
 * BENCH_PROFILE=1: where the time goes. Runs each call once more on a client that logs its queries
 * and prints the number of queries and each one's time (the engine's figure).
 */
async function profile(config: DbConfig, calls: Record<string, (db: Db) => Promise<unknown>>): Promise<void> {
  const log = [{ emit: "event", level: "query" }] as const;
  const db = (config.provider === "sqlite"
    ? new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${config.url}` }), log: [...log] })
    : new PostgresClient({ adapter: new PrismaPg({ connectionString: config.url }), log: [...log] })) as unknown as Db;
  let seen: { ms: number; sql: string }[] = [];
  (db as unknown as { $on(e: "query", f: (ev: { duration: number; query: string }) => void): void }).$on("query", (ev) =>
    seen.push({ ms: ev.duration, sql: ev.query }),
  );
  useDbForProcess(db, config);
  for (const [name, fn] of Object.entries(calls)) {
    await fn(db);
    seen = [];
    const t = process.hrtime.bigint();
    await fn(db);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    console.log(`\n[profile] ${name}: ${ms.toFixed(1)} ms, ${seen.length} queries`);
    for (const q of seen) console.log(`  ${String(q.ms).padStart(5)} ms  ${q.sql.replace(/\s+/g, " ").slice(0, 260)}`);
  }
  await db.$disconnect();
}

async function main() {
  const t = await createTestDb();
  const provider = t.config.provider;
  const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
  useSigningIdentityForProcess(buildIdentity({ authorityId: "bench-store", displayName: "Bench", rootKey, storeKey, since: new Date("2016-01-01T00:00:00Z") }));
  const db = t.db;
  const mk = async (role: "publisher" | "reviewer" | "admin", i: number) => {
    const u = await createUser(db, {
      email: `${role}${i}@bench.test`,
      password: "password-123",
      role,
      username: role === "publisher" ? `bench-pub-${i}` : undefined,
    });
    return { id: u.id, role: u.role };
  };
  const pubs = await Promise.all([0, 1, 2, 3, 4].map((i) => mk("publisher", i)));
  const [r1, r2, r3] = await Promise.all([1, 2, 3].map((i) => mk("reviewer", i)));
  const accounts = await db.account.findMany({ select: { id: true, userId: true } });
  const token = (await issueTokenFor(db, r1, "bench")).token;

  // 10,000 open items over 1,000 snaps, filed over the last 90 days, a few votes each.
  console.log(`seeding ${ITEMS} open items on ${provider}…`);
  const seedStart = Date.now();
  const SNAPS = Math.ceil(ITEMS / 10);
  const snapRows = Array.from({ length: SNAPS }, (_, i) => ({
    snapId: `bench${String(i).padStart(27, "0")}`,
    name: `bench-snap-${i}`,
    ownerId: accounts[i % accounts.length].id,
    categories: [],
  }));
  for (let i = 0; i < snapRows.length; i += 500) await db.snap.createMany({ data: snapRows.slice(i, i + 500) });
  const snaps = await db.snap.findMany({ where: { name: { startsWith: "bench-snap-" } }, select: { id: true, ownerId: true } });
  const owner = new Map(accounts.map((a) => [a.id, a.userId]));
  const now = Date.now();
  const reqs = Array.from({ length: ITEMS }, (_, i) => {
    const s = snaps[i % snaps.length];
    const type = KINDS[i % KINDS.length];
    return {
      snapId: s.id,
      type,
      interface: ["installation", "connection", "auto_connection"].includes(type) ? IFACES[i % IFACES.length] : null,
      reasoning: `Bench request ${i}: needed for the snap to do its job.`,
      requesterId: owner.get(s.ownerId)!,
      status: i % 17 === 0 ? ("needs_info" as const) : ("pending" as const),
      createdAt: new Date(now - ((i * 7919) % (90 * 86400)) * 1000),
    };
  });
  for (let i = 0; i < reqs.length; i += 1000) await db.reviewRequest.createMany({ data: reqs.slice(i, i + 1000) });
  const ids = (await db.reviewRequest.findMany({ select: { id: true }, take: ITEMS })).map((r) => r.id);
  const votes = ids.flatMap((id, i) =>
    i % 3 === 0 ? [] : [{ requestId: id, voterId: r1.id, value: 1 }, ...(i % 3 === 1 ? [{ requestId: id, voterId: r2.id, value: -1 }] : [])],
  );
  for (let i = 0; i < votes.length; i += 2000) await db.vote.createMany({ data: votes.slice(i, i + 2000) });
  // Some decided history for the statistics (on top of the open items).
  const decided = reqs.slice(0, Math.ceil(ITEMS / 10)).map((r, i) => ({
    ...r,
    status: "approved" as const,
    createdAt: new Date(now - (i % 80) * 86400_000 - 7 * 86400_000),
    decidedAt: new Date(now - (i % 80) * 86400_000 - (i % 7) * 86400_000),
  }));
  for (let i = 0; i < decided.length; i += 1000) await db.reviewRequest.createMany({ data: decided.slice(i, i + 1000) });
  console.log(
    `seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s (${await db.reviewRequest.count({ where: { status: { in: ["pending", "needs_info"] } } })} open)`,
  );

  /** A fresh snap with a revision waiting for manual review, its request and two +1 votes. */
  const decideFixture = async (kind: "classic" | "installation", i: number | string) => {
    const pub = pubs[Number(String(i).replace(/\D/g, "") || 0) % pubs.length];
    const acc = accounts.find((a) => a.userId === pub.id)!;
    const name = `bench-${kind}-${i}`;
    const snap = await db.snap.create({ data: { snapId: `bd${kind.slice(0, 4)}${String(i).padStart(26, "0")}`, name, ownerId: acc.id, categories: [] } });
    const rev = await db.revision.create({
      data: {
        snapId: snap.id,
        revision: 1,
        uploadId: `bench-up-${kind}-${i}`,
        status: "need_manual_review",
        confinement: kind === "classic" ? "classic" : "strict",
        architectures: ["amd64"],
        compression: "xz",
        snapYaml: kind === "classic" ? classicYaml(name) : controlYaml(name),
        errors: [],
        uploaderId: pub.id,
      },
    });
    const req = await db.reviewRequest.create({
      data: { snapId: snap.id, type: kind, interface: kind === "installation" ? "snapd-control" : null, reasoning: "bench", requesterId: pub.id },
    });
    await vote(db, r1, req.id, { vote: 1 });
    await vote(db, r2, req.id, { vote: 1 });
    return { reqId: req.id, revId: rev.id, name };
  };

  const api = (qs: string) => async () => {
    const res = await queueGET(new NextRequest(new URL(`/api/v1/review/queue${qs}`, "http://bench.test"), { headers: { Authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({}),
    });
    if (res.status !== 200) throw new Error(`queue ${qs}: ${res.status} ${await res.text()}`);
    await res.json();
  };
  if (process.env.BENCH_PROFILE) {
    await profile(t.config, {
      "listQueue first page": (d) => listQueue(d, r3, {}),
      "listQueue page 100": (d) => listQueue(d, r3, { page: 100 }),
      "listQueue q=bench-snap-42": (d) => listQueue(d, r3, { q: "bench-snap-42" }),
      reviewStats: (d) => reviewStats(d),
      "GET /api/v1/review/queue": () => api("")(),
    });
    let n = 0;
    for (const kind of ["classic", "installation"] as const) {
      const fixtures = [await decideFixture(kind, `p${n++}`), await decideFixture(kind, `p${n++}`)];
      await profile(t.config, { [`decide approve ${kind}`]: (d) => decide(d, r3, fixtures.shift()!.reqId, { decision: "approve" }) });
    }
    useDbForProcess(db, t.config);
  }
  const results: Record<string, unknown> = { provider, openItems: ITEMS };
  // Same-run reference: the machine is shared, so figures are read as ratios to one primary-key
  // read of the same database measured in the same run.
  results["reference (one primary-key read)"] = await sample(() => db.reviewRequest.findUnique({ where: { id: ids[0] } }));
  results["listQueue first page (50)"] = await sample(() => listQueue(db, r3, {}));
  results["listQueue kind=auto-connection"] = await sample(() => listQueue(db, r3, { kind: "auto_connection" }));
  results["listQueue q=bench-snap-42"] = await sample(() => listQueue(db, r3, { q: "bench-snap-42" }));
  results["listQueue page 100"] = await sample(() => listQueue(db, r3, { page: 100 }));
  results["reviewStats (12 weeks)"] = await sample(() => reviewStats(db));
  results["GET /api/v1/review/queue"] = await sample(api(""));
  results["GET /api/v1/review/queue?kind=classic&page=20"] = await sample(api("?kind=classic&page=20"));
  results["GET /api/v1/review/queue?q=bench-pub-3"] = await sample(api("?q=bench-pub-3"));

  // Decide -> ready_to_release, each on a fresh snap with a waiting revision and two votes.
  const decideRuns = Math.min(RUNS, 30);
  const timings: Record<string, number[]> = { classic: [], installation: [] };
  for (let i = 0; i < decideRuns; i++) {
    for (const kind of ["classic", "installation"] as const) {
      const { reqId, revId, name } = await decideFixture(kind, i);
      const t0 = process.hrtime.bigint();
      await decide(db, r3, reqId, { decision: "approve" });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const status = (await db.revision.findUniqueOrThrow({ where: { id: revId } })).status;
      if (status !== "ready_to_release") throw new Error(`${name}: revision is ${status} after the approval`);
      timings[kind].push(ms);
    }
  }
  for (const [k, xs] of Object.entries(timings)) results[`decide approve ${k} -> ready_to_release`] = { p50: pct(xs, 50), p95: pct(xs, 95), runs: xs.length };

  console.table(Object.fromEntries(Object.entries(results).filter(([, v]) => typeof v === "object")));
  console.log(`saved ${saveResults(`review-${provider}`, results)}`);
  useSigningIdentityForProcess(null);
  await t.cleanup();
}

test("bench:review", main);
