/**
 * Test helpers for building real squashfs/.snap images with squashfs-tools and cross-checking
 * against unsquashfs. For tests only (spawns processes, writes temp dirs); never import from app code.
 */
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, rm, symlink, writeFile, link } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The exact flags `snap pack` (snapd) passes to mksquashfs. */
export const SNAPD_PACK_ARGS = ["-comp", "xz", "-no-fragments", "-all-root", "-no-xattrs"] as const;

/** Run mksquashfs (always -noappend -no-progress -quiet). Returns outFile. */
export async function mksquashfs(srcDir: string, outFile: string, extraArgs: readonly string[] = []): Promise<string> {
  await mkdir(dirname(outFile), { recursive: true });
  await run("mksquashfs", [srcDir, outFile, "-noappend", "-no-progress", "-quiet", ...extraArgs], {
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000" },
  });
  return outFile;
}

export type TreeFile = string | Buffer | { symlink: string } | { dir: true } | { hardlinkTo: string } | { mode: number; data: string | Buffer };

/** Write files (relative paths) under dir. Parent directories are created as needed. */
export async function writeTree(dir: string, files: Record<string, TreeFile>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [rel, spec] of Object.entries(files)) {
    const p = join(dir, rel);
    await mkdir(dirname(p), { recursive: true });
    if (typeof spec === "string" || Buffer.isBuffer(spec)) await writeFile(p, spec);
    else if ("symlink" in spec) await symlink(spec.symlink, p);
    else if ("dir" in spec) await mkdir(p, { recursive: true });
    else if ("hardlinkTo" in spec) await link(join(dir, spec.hardlinkTo), p);
    else await writeFile(p, spec.data, { mode: spec.mode });
  }
}

/** A snap source tree: meta/snap.yaml (unless snapYaml is null) plus extra files. */
export async function makeSnapTree(dir: string, snapYaml: string | null, files: Record<string, TreeFile> = {}): Promise<string> {
  await writeTree(dir, snapYaml === null ? files : { "meta/snap.yaml": snapYaml, ...files });
  return dir;
}

export interface BuiltSnap {
  path: string;
  dir: string;
  cleanup(): Promise<void>;
}

/**
 * Build a .snap in a fresh temp dir. Defaults to snapd's packing flags; pass `args` to replace them
 * (e.g. ["-comp", "gzip"] for a default, fragment-using image).
 */
export async function buildSnap(opts: {
  snapYaml?: string | null;
  files?: Record<string, TreeFile>;
  args?: readonly string[];
  /** Fill the source tree yourself (e.g. thousands of files) before mksquashfs runs. */
  populate?: (srcDir: string) => Promise<void>;
}): Promise<BuiltSnap> {
  const dir = await mkdtemp(join(tmpdir(), "snapstore-snap-"));
  const src = join(dir, "src");
  await makeSnapTree(src, opts.snapYaml === undefined ? "name: test-snap\nversion: '1'\n" : opts.snapYaml, opts.files ?? {});
  if (opts.populate) await opts.populate(src);
  const path = await mksquashfs(src, join(dir, "out.snap"), opts.args ?? SNAPD_PACK_ARGS);
  return { path, dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface UnsquashfsEntry {
  path: string;
  /** ls -l style type+permission string, e.g. "-rw-r--r--". */
  modeString: string;
  uid: number;
  gid: number;
  /** Size column: bytes, or "major,minor" for devices. */
  size: string;
  /** "YYYY-MM-DD HH:MM" in UTC. */
  time: string;
  symlinkTarget?: string;
}

/** `unsquashfs -lln -UTC`: every entry (root excluded), in the filesystem's depth-first order. */
export async function unsquashfsList(image: string): Promise<UnsquashfsEntry[]> {
  const { stdout } = await run("unsquashfs", ["-lln", "-UTC", "-d", "", image], { maxBuffer: 256 * 1024 * 1024 });
  const out: UnsquashfsEntry[] = [];
  const re = /^(\S{10}) (\d+)\/(\d+)\s+(\d+,\s*\d+|\d+) (\d{4}-\d\d-\d\d \d\d:\d\d) (.*)$/;
  for (const line of stdout.split("\n")) {
    if (!line) continue;
    const m = re.exec(line);
    if (!m) throw new Error(`unparsed unsquashfs line: ${line}`);
    let name = m[6];
    if (name === "") continue; // the root
    let symlinkTarget: string | undefined;
    if (m[1][0] === "l") {
      const i = name.indexOf(" -> ");
      symlinkTarget = name.slice(i + 4);
      name = name.slice(0, i);
    }
    out.push({
      path: name.replace(/^\//, ""),
      modeString: m[1],
      uid: Number(m[2]),
      gid: Number(m[3]),
      size: m[4].replace(/\s+/g, ""),
      time: m[5],
      symlinkTarget,
    });
  }
  return out;
}

/** `unsquashfs -cat image path...`: the files' contents, split using the given sizes. */
export async function unsquashfsCat(image: string, paths: string[], sizes?: number[]): Promise<Buffer[]> {
  if (paths.length === 0) return [];
  const { stdout } = await run("unsquashfs", ["-cat", image, ...paths], {
    encoding: "buffer",
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (!sizes) {
    if (paths.length !== 1) throw new Error("sizes are required to split several files");
    return [stdout];
  }
  const out: Buffer[] = [];
  let pos = 0;
  for (const s of sizes) {
    out.push(stdout.subarray(pos, pos + s));
    pos += s;
  }
  if (pos !== stdout.length) throw new Error(`unsquashfs -cat produced ${stdout.length} bytes, expected ${pos}`);
  return out;
}

/** ls -l style mode string from st_mode, matching unsquashfs's output. */
export function modeString(mode: number): string {
  const types: Record<number, string> = {
    0o040000: "d",
    0o100000: "-",
    0o120000: "l",
    0o060000: "b",
    0o020000: "c",
    0o010000: "p",
    0o140000: "s",
  };
  const t = types[mode & 0o170000] ?? "?";
  const rwx = (bits: number, special: boolean, ch: string) =>
    (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") + (special ? (bits & 1 ? ch : ch.toUpperCase()) : bits & 1 ? "x" : "-");
  return t + rwx((mode >> 6) & 7, !!(mode & 0o4000), "s") + rwx((mode >> 3) & 7, !!(mode & 0o2000), "s") + rwx(mode & 7, !!(mode & 0o1000), "t");
}

/** "YYYY-MM-DD HH:MM" UTC, as `unsquashfs -lln -UTC` prints it. */
export function minuteUtc(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 16).replace("T", " ");
}
