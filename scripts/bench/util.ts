// Shared helpers for the benchmark scripts: timing, medians, test files, result tables, and a real
// server to measure (startBenchServer).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export async function timeMs<T>(fn: () => Promise<T>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export function timeCommandMs(cmd: string, args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Writes `bytes` of incompressible data, reusing one random block so generation is cheap. */
export function writeRandomFile(file: string, bytes: number): void {
  const block = crypto.randomBytes(8 * 1024 * 1024);
  const fd = fs.openSync(file, "w");
  try {
    for (let written = 0; written < bytes;) {
      const n = Math.min(block.length, bytes - written);
      // Vary each block so nothing deduplicates.
      block.writeUInt32LE(written >>> 0, 0);
      fs.writeSync(fd, block, 0, n);
      written += n;
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function mksquashfs(src: string, out: string, extra: string[]): void {
  execFileSync("mksquashfs", [src, out, "-noappend", "-no-progress", "-quiet", "-all-root", "-no-xattrs", ...extra], { stdio: "ignore" });
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function saveResults(name: string, results: unknown): string {
  const dir = path.resolve("bench-results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), host: { cpus: os.cpus().length, node: process.version }, results }, null, 2));
  return file;
}

export function snapYaml(name: string, version = "1.0"): string {
  return `name: ${name}\nversion: '${version}'\nsummary: Benchmark snap\ndescription: A snap built for benchmarks.\nconfinement: strict\ngrade: stable\nbase: core24\napps:\n  ${name}:\n    command: bin/run\n    plugs: [network]\n`;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A JSON API call; throws with the status and body unless 2xx. */
export async function apiJson(base: string, method: string, p: string, body?: unknown, token?: string) {
  const res = await fetch(base + p, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

export interface BenchServer {
  base: string;
  /** An API token of the publisher bench@example.com. */
  token: string;
  /** The server's output, when `log` was asked for. */
  log: string | null;
  /** Stops the server and removes its data directory. */
  stop(): void;
}

/**
 * A real `next start` of the current build (npm run build, or SNAPSTORE_DIST_DIR=.next-test after
 * npm run build:test) on a free port, with its own embedded database and data directory, a
 * publisher bench@example.com and an API token for it. `env` adds settings; `log` keeps the
 * server's output in a file (its path is printed).
 */
export async function startBenchServer(opts: { env?: Record<string, string>; log?: boolean } = {}): Promise<BenchServer> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "bench-server-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    SNAPSTORE_DATA_DIR: path.join(work, "data"),
    SNAPSTORE_DEMO: "0",
    NEXTAUTH_URL: base,
    DATABASE_URL: "",
    ...opts.env,
  };
  execFileSync(process.execPath, ["cli/snapstore.mjs", "user", "create", "--email", "bench@example.com", "--role", "publisher", "--username", "bench"], {
    env,
    input: "bench-password\n",
  });
  const log = opts.log ? path.join(os.tmpdir(), `bench-server-${port}.log`) : null;
  const out = log ? fs.openSync(log, "w") : "ignore";
  const server = spawn(process.execPath, ["scripts/start.mjs", "start"], { env, stdio: ["ignore", out, out] });
  if (log) console.log(`server log: ${log}`);
  const stop = () => {
    server.kill("SIGTERM");
    fs.rmSync(work, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/api/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (i > 300) throw new Error("server did not start (build first: npm run build)");
      await new Promise((r) => setTimeout(r, 200));
    }
    const { token } = await apiJson(base, "POST", "/api/v1/tokens", { email: "bench@example.com", password: "bench-password", label: "bench" });
    return { base, token, log, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
