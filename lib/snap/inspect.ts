/**
 * One reading of a .snap file: squashfs image -> package contents -> parsed snap.yaml, with every
 * problem as {field, message}. Used by the upload pipeline (lib/server/processing) and by
 * `snapstore inspect`, so the store and the command always agree. No database, no server-only.
 */
import { sha3_384File } from "./digest";
import { readSnapContents, SnapPackageError, type SnapContents } from "./read-snap";
import { parseSnapYaml, type SnapMeta, type ValidationError } from "./snap-yaml";
import { fileSource, openSquashfs, SquashfsError, type Compression } from "./squashfs";

export interface SnapReading {
  compression: Compression | null;
  contents: SnapContents | null;
  meta: SnapMeta | null;
  /** snap.yaml rule violations. */
  metaErrors: ValidationError[];
  /** A package problem (missing/oversized snap.yaml, bad UTF-8) when the image itself was readable. */
  packageError: { code: string; message: string; field: string } | null;
  /** The image could not be read at all (not a squashfs, truncated, corrupt, unsupported). */
  imageError: SquashfsError | null;
}

/** Reads a .snap without unpacking it. Never throws for a bad file: problems are in the result. */
export async function readSnapFile(path: string): Promise<SnapReading> {
  const reading: SnapReading = { compression: null, contents: null, meta: null, metaErrors: [], packageError: null, imageError: null };
  const source = await fileSource(path);
  try {
    const image = await openSquashfs(source);
    reading.compression = image.compression;
    reading.contents = await readSnapContents(image);
    ({ meta: reading.meta, errors: reading.metaErrors } = parseSnapYaml(reading.contents.snapYaml));
  } catch (err) {
    if (err instanceof SnapPackageError) reading.packageError = { code: err.code, message: err.message, field: err.field ?? "meta/snap.yaml" };
    else if (err instanceof SquashfsError) reading.imageError = err;
    else throw err;
  } finally {
    await source.close();
  }
  return reading;
}

/**
 * What crosses from the snap-reading worker (lib/snap/read-worker.ts) to the server: plain data
 * only (structured clone keeps no classes), and only what processing uses (not the icon bytes).
 */
export interface PlainSnapReading {
  compression: Compression | null;
  snapYaml: string | null;
  meta: SnapMeta | null;
  metaErrors: ValidationError[];
  packageError: { code: string; message: string; field: string } | null;
  imageError: { code: string; message: string } | null;
}

export function plainReading(r: SnapReading): PlainSnapReading {
  return {
    compression: r.compression,
    snapYaml: r.contents?.snapYaml ?? null,
    meta: r.meta,
    metaErrors: r.metaErrors,
    packageError: r.packageError,
    imageError: r.imageError ? { code: r.imageError.code, message: r.imageError.message } : null,
  };
}

export interface InspectResult {
  name: string | null;
  version: string | null;
  summary: string | null;
  confinement: string | null;
  grade: string | null;
  type: string | null;
  base: string | null;
  architectures: string[];
  apps: string[];
  plugs: Record<string, { interface: string; attributes: Record<string, unknown> }>;
  slots: Record<string, { interface: string; attributes: Record<string, unknown> }>;
  "sha3-384": string;
  size: number;
  compression: string | null;
  errors: { field: string; message: string }[];
}

const SUPPORTED = new Set(["xz", "lzo"]);

/** What `snapstore inspect FILE --json` prints. `errors` empty means the store would accept the metadata. */
export async function inspectSnap(path: string): Promise<InspectResult> {
  const [reading, digest] = await Promise.all([readSnapFile(path), sha3_384File(path)]);
  const errors: { field: string; message: string }[] = [];
  if (reading.imageError) errors.push({ field: "squashfs", message: `${reading.imageError.message} (${reading.imageError.code})` });
  if (reading.packageError) errors.push({ field: reading.packageError.field, message: reading.packageError.message });
  errors.push(...reading.metaErrors);
  if (reading.compression && !SUPPORTED.has(reading.compression)) {
    errors.push({
      field: "squashfs.compression",
      message: `compression ${reading.compression} is not accepted by the store; snap pack uses xz (default) or lzo`,
    });
  }
  const m = reading.meta;
  const side = (xs: SnapMeta["plugs"] | undefined) =>
    Object.fromEntries(Object.entries(xs ?? {}).map(([k, v]) => [k, { interface: v.interface, attributes: v.attributes }]));
  return {
    name: m?.name ?? null,
    version: m?.version ?? null,
    summary: m?.summary ?? null,
    confinement: m?.confinement ?? null,
    grade: m?.grade ?? null,
    type: m?.type ?? null,
    base: m?.base ?? null,
    architectures: m?.architectures ?? [],
    apps: m?.apps.map((a) => a.name) ?? [],
    plugs: side(m?.plugs),
    slots: side(m?.slots),
    "sha3-384": digest.hex,
    size: digest.size,
    compression: reading.compression,
    errors,
  };
}
