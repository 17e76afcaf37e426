/**
 * Pull the store-relevant files out of a .snap (squashfs) without unpacking it:
 * meta/snap.yaml, the icon (meta/gui/icon.png|svg) and desktop files (meta/gui/*.desktop).
 *
 * Only the blocks holding those files are read. Package-level problems (missing or oversized
 * snap.yaml, bad UTF-8, ...) throw SnapPackageError with a message fit to show the publisher;
 * a damaged image throws the reader's SquashfsError, unchanged.
 *
 * Deliberately free of `server-only`: used by the web app, the CLI and tests.
 */
import { fmtCount, MAX_GUI_ENTRIES, MAX_META_ENTRIES, MAX_ROOT_ENTRIES } from "./limits";
import type { Compression, SquashfsEntry, SquashfsImage } from "./squashfs";

export type SnapPackageErrorCode =
  | "missing-snap-yaml"
  | "snap-yaml-not-a-file"
  | "snap-yaml-too-large"
  | "snap-yaml-not-utf8"
  | "icon-too-large"
  | "desktop-file-too-large"
  | "desktop-file-not-utf8"
  | "too-many-desktop-files"
  | "too-many-entries";

export class SnapPackageError extends Error {
  readonly code: SnapPackageErrorCode;
  /** Path inside the snap the problem is about, e.g. "meta/snap.yaml". */
  readonly field?: string;
  constructor(code: SnapPackageErrorCode, message: string, field?: string) {
    super(message);
    this.name = "SnapPackageError";
    this.code = code;
    this.field = field;
  }
}

export interface SnapContents {
  snapYaml: string;
  icon: { path: string; data: Buffer } | null;
  desktopFiles: { name: string; text: string }[];
  compression: Compression;
}

export interface ReadSnapOptions {
  /** Default 1 MiB. */
  maxSnapYamlBytes?: number;
  /** Default 256 KiB. */
  maxIconBytes?: number;
  /** Per desktop file. Default 64 KiB. */
  maxDesktopBytes?: number;
}

export const SNAP_YAML_PATH = "meta/snap.yaml";
export const ICON_PATHS = ["meta/gui/icon.png", "meta/gui/icon.svg"] as const;
const DEFAULT_MAX_SNAP_YAML = 1024 * 1024;
const DEFAULT_MAX_ICON = 256 * 1024;
const DEFAULT_MAX_DESKTOP = 64 * 1024;
const MAX_DESKTOP_FILES = 64;

/** "512 bytes", "12.5 KiB", "1.5 MiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} byte${n === 1 ? "" : "s"}`;
  const [v, unit] = n < 1024 * 1024 ? [n / 1024, "KiB"] : [n / (1024 * 1024), "MiB"];
  return `${Number.isInteger(v) ? v : v.toFixed(1).replace(/\.0$/, "")} ${unit}`;
}

const TYPE_WORDS: Record<SquashfsEntry["type"], string> = {
  file: "a regular file",
  dir: "a directory",
  symlink: "a symlink",
  blockdev: "a block device",
  chardev: "a character device",
  fifo: "a named pipe",
  socket: "a socket",
};

function decodeUtf8(data: Buffer): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    return null;
  }
}

/**
 * The directories this module looks into, with the most entries each may have. A path lookup
 * parses its directory's whole listing, so the listings are counted first (names only, stopping
 * past the limit): a snap with 100,000 entries in meta/gui is refused after reading ~1,000.
 */
const LOOKED_INTO: [string, string, number][] = [
  ["", "the snap's top directory", MAX_ROOT_ENTRIES],
  ["meta", "meta", MAX_META_ENTRIES],
  ["meta/gui", "meta/gui", MAX_GUI_ENTRIES],
];

async function checkEntryCounts(image: SquashfsImage): Promise<void> {
  for (const [dir, what, limit] of LOOKED_INTO) {
    const n = await image.countEntries(dir, limit);
    if (n > limit) {
      throw new SnapPackageError(
        "too-many-entries",
        `${what} has more than ${fmtCount(limit)} entries; the store accepts at most ${fmtCount(limit)}`,
        dir || "/",
      );
    }
  }
}

/** snap.yaml: must be a regular file (not followed if a symlink), bounded, UTF-8. */
async function readSnapYamlFile(image: SquashfsImage, maxYaml: number): Promise<string> {
  const st = await image.stat(SNAP_YAML_PATH);
  if (!st) throw new SnapPackageError("missing-snap-yaml", `${SNAP_YAML_PATH} is missing from the snap`, SNAP_YAML_PATH);
  if (st.type === "dir") {
    throw new SnapPackageError("snap-yaml-not-a-file", `${SNAP_YAML_PATH} is a directory`, SNAP_YAML_PATH);
  }
  if (st.type !== "file") {
    throw new SnapPackageError("snap-yaml-not-a-file", `${SNAP_YAML_PATH} is ${TYPE_WORDS[st.type]}; it must be a regular file`, SNAP_YAML_PATH);
  }
  if (st.size > maxYaml) {
    throw new SnapPackageError("snap-yaml-too-large", `${SNAP_YAML_PATH} is ${formatBytes(st.size)}; the limit is ${formatBytes(maxYaml)}`, SNAP_YAML_PATH);
  }
  const snapYaml = decodeUtf8(await image.readFile(SNAP_YAML_PATH, { maxBytes: maxYaml }));
  if (snapYaml === null) {
    throw new SnapPackageError("snap-yaml-not-utf8", `${SNAP_YAML_PATH} is not valid UTF-8 text`, SNAP_YAML_PATH);
  }
  return snapYaml;
}

/** Icon: first of icon.png / icon.svg that is a regular file; symlinks are ignored, not followed. */
async function readIcon(image: SquashfsImage, maxIcon: number): Promise<SnapContents["icon"]> {
  for (const path of ICON_PATHS) {
    const s = await image.stat(path);
    if (!s || s.type !== "file") continue;
    if (s.size > maxIcon) {
      throw new SnapPackageError("icon-too-large", `${path} is ${formatBytes(s.size)}; the limit is ${formatBytes(maxIcon)}`, path);
    }
    return { path, data: await image.readFile(path, { maxBytes: maxIcon }) };
  }
  return null;
}

/** Desktop files: regular files named *.desktop directly in meta/gui (a real directory). */
async function readDesktopFiles(image: SquashfsImage, maxDesktop: number): Promise<SnapContents["desktopFiles"]> {
  const desktopFiles: SnapContents["desktopFiles"] = [];
  const gui = await image.stat("meta/gui");
  if (gui?.type !== "dir") return desktopFiles;
  const entries = (await image.readdir("meta/gui")).filter((e) => e.type === "file" && e.name.endsWith(".desktop"));
  if (entries.length > MAX_DESKTOP_FILES) {
    throw new SnapPackageError("too-many-desktop-files", `meta/gui has ${entries.length} desktop files; the limit is ${MAX_DESKTOP_FILES}`, "meta/gui");
  }
  for (const e of entries) {
    if (e.size > maxDesktop) {
      throw new SnapPackageError("desktop-file-too-large", `${e.path} is ${formatBytes(e.size)}; the limit is ${formatBytes(maxDesktop)}`, e.path);
    }
    const text = decodeUtf8(await image.readFile(e.path, { maxBytes: maxDesktop }));
    if (text === null) {
      throw new SnapPackageError("desktop-file-not-utf8", `${e.path} is not valid UTF-8 text`, e.path);
    }
    desktopFiles.push({ name: e.name, text });
  }
  return desktopFiles;
}

export async function readSnapContents(image: SquashfsImage, opts: ReadSnapOptions = {}): Promise<SnapContents> {
  await checkEntryCounts(image);
  const snapYaml = await readSnapYamlFile(image, opts.maxSnapYamlBytes ?? DEFAULT_MAX_SNAP_YAML);
  const icon = await readIcon(image, opts.maxIconBytes ?? DEFAULT_MAX_ICON);
  const desktopFiles = await readDesktopFiles(image, opts.maxDesktopBytes ?? DEFAULT_MAX_DESKTOP);
  return { snapYaml, icon, desktopFiles, compression: image.compression };
}
