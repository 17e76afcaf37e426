// npm run bench:search [-- --runs R] — catalogue search figures on the database DATABASE_URL names
// (fill it first with `npm run seed:large -- --snaps N`):
//   1. searchCatalogue in process (the service the pages and the store API call): p50/p95 per
//      query class (exact name, prefix, typo, multi-word, filter only), against a reference in the
//      same run: one indexed primary-key read through the same Prisma client.
//   2. with BENCH_URL=http://127.0.0.1:PORT (a running `npm start`): wrk at concurrency 1 and 16 on
//      /search?q=… for the same mix and on /favicon.ico (a static file: the framework's floor).
// Prints a table and writes bench-results/search.json.
import { spawnSync } from "node:child_process";
import { createDb } from "@/lib/db/client";
import { dbConfigFromEnv } from "@/lib/db/config";
import { searchCatalogue } from "@/lib/server/catalogue";
import { refreshSearchIndex } from "@/lib/server/search-index";
import { saveResults } from "./util";

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg("runs", 50);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const fmt = (n: number) => n.toFixed(2);

async function main() {
  const config = dbConfigFromEnv();
  const db = createDb(config);
  await refreshSearchIndex(db);
  const total = await db.searchDoc.count({ where: { listed: true } });
  // Real names from the catalogue so exact/prefix/typo queries hit something.
  const sample = await db.searchDoc.findMany({
    where: { listed: true, private: false },
    take: 20,
    orderBy: { snapId: "asc" },
    select: { name: true, title: true },
  });
  const typo = (w: string) => (w.length > 3 ? w[0] + w[2] + w[1] + w.slice(3) : w);
  const classes: Record<string, { q?: string; category?: string }[]> = {
    exact: sample.map((s) => ({ q: s.name })),
    prefix: sample.map((s) => ({ q: s.name.slice(0, 3) })),
    typo: sample.map((s) => ({ q: typo(s.name.split("-")[0]) })),
    "multi-word": sample.map((s) => ({ q: `${(s.title || s.name).toLowerCase()} fast` })),
    category: [{ category: "games" }, { category: "utilities" }, { category: "development" }],
  };
  const ref: number[] = [];
  const results: Record<string, unknown> = { provider: config.provider, listed: total, runs: RUNS };
  console.log(`bench:search: ${config.provider}, ${total} listed snaps, ${RUNS} runs per class`);
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await db.searchDoc.findUnique({ where: { snapId: sample[i % sample.length]?.name ?? "x" } });
    ref.push(performance.now() - t);
  }
  results.reference = { p50: pct(ref, 50), p95: pct(ref, 95) };
  console.log(`  reference (one primary-key read)  p50 ${fmt(pct(ref, 50))} ms  p95 ${fmt(pct(ref, 95))} ms`);
  for (const [name, qs] of Object.entries(classes)) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const q = qs[i % qs.length];
      const t = performance.now();
      const found = await searchCatalogue(db, { ...q, page: 1, pageSize: 24 });
      times.push(performance.now() - t);
      if (found.length) hits++;
    }
    results[name] = { p50: pct(times, 50), p95: pct(times, 95), hitRate: hits / RUNS };
    console.log(`  searchCatalogue ${name.padEnd(12)}      p50 ${fmt(pct(times, 50))} ms  p95 ${fmt(pct(times, 95))} ms  (${hits}/${RUNS} found something)`);
  }
  const url = process.env.BENCH_URL;
  if (url) {
    const http: Record<string, unknown> = {};
    const paths = {
      static: "/favicon.ico",
      search: `/search?q=${encodeURIComponent(classes.prefix[0]?.q ?? "vid")}`,
      typo: `/search?q=${encodeURIComponent(classes.typo[0]?.q ?? "vdieo")}`,
    };
    for (const [label, p] of Object.entries(paths)) {
      for (const c of [1, 16]) {
        const r = spawnSync("wrk", ["-t", c === 1 ? "1" : "2", "-c", String(c), "-d", "10s", "--latency", `${url}${p}`], { encoding: "utf8" });
        const rps = /Requests\/sec:\s+([\d.]+)/.exec(r.stdout)?.[1];
        const p50 = /50%\s+([\d.]+\w+)/.exec(r.stdout)?.[1];
        const p99 = /99%\s+([\d.]+\w+)/.exec(r.stdout)?.[1];
        http[`${label} c${c}`] = { rps: Number(rps), p50, p99 };
        console.log(`  wrk ${label.padEnd(6)} c=${String(c).padEnd(2)} ${rps} req/s  p50 ${p50}  p99 ${p99}  ${p}`);
      }
    }
    results.http = http;
  }
  console.log(`bench:search: results in ${saveResults(`search-${config.provider}-${total}`, results)}`);
  await db.$disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
