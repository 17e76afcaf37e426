// Shared helpers for the benchmark scripts: timing, medians, test files, result tables.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
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
