/**
 * Epochs as snapd 2.57.6 reads them (snap/epoch.go): `N`, `N*`, or `{read: [...], write: [...]}`,
 * normalised to snapd's Epoch.String() form: "0", "1", "1*" or `{"read":[1,2],"write":[2]}`.
 * Pure.
 */
import { isNull, type YNode } from "./yaml-tree";

const MAX_EPOCH_LIST = 10;
const MAX_EPOCH = 2 ** 32 - 1;

export interface EpochValue {
  read: number[];
  write: number[];
}
export type EpochResult = { epoch: string; error?: undefined } | { epoch: "0"; error: string };

const fail = (error: string): EpochResult => ({ epoch: "0", error });

/** One epoch number: base 10, no zero padding, below 2^32. */
export function parseEpochNumber(s: string): number | string {
  if (!(s.length > 1 && s[0] === "0") && /^[0-9]+$/.test(s)) {
    const n = Number(s);
    if (n <= MAX_EPOCH) return n;
    return `epoch numbers must be less than 2^32, but got ${JSON.stringify(s)}`;
  }
  return `epoch numbers must be base 10 with no zero padding, but got ${JSON.stringify(s)}`;
}

/** snapd's Epoch.String(). */
export function epochString(e: EpochValue): string {
  const { read, write } = e;
  const zero = (l: number[]) => l.length === 0 || (l.length === 1 && l[0] === 0);
  if (zero(read) && zero(write)) return "0";
  if (write.length === 1 && read.length === 1 && read[0] === write[0]) return String(read[0]);
  if (write.length === 1 && read.length === 2 && read[0] + 1 === read[1] && read[1] === write[0]) return `${read[1]}*`;
  return JSON.stringify({ read, write });
}

/** snapd's Epoch.Validate() on a structured epoch. */
export function validateEpoch(e: EpochValue): string | null {
  if (e.read.length === 0 || e.write.length === 0) return "epoch list cannot be explicitly empty";
  if (epochString(e) === "0") return null;
  if (e.read.length > MAX_EPOCH_LIST || e.write.length > MAX_EPOCH_LIST) return `epoch list must not have more than ${MAX_EPOCH_LIST} entries`;
  const increasing = (l: number[]) => l.every((x, i) => i === 0 || l[i - 1] < x);
  if (!increasing(e.read) || !increasing(e.write)) return "epoch list must be a strictly increasing sequence";
  const w = new Set(e.write);
  if (!e.read.some((r) => w.has(r))) return "epoch read and write lists must have a non-empty intersection";
  return null;
}

/** `N` or `N*` (snapd fromString). */
export function epochFromString(s: string): EpochResult {
  if (s === "" || s === "0") return { epoch: "0" };
  const star = s.endsWith("*");
  const n = parseEpochNumber(star ? s.slice(0, -1) : s);
  if (typeof n === "string") return fail(n);
  if (star && n === 0) return fail("0* is an invalid epoch");
  return { epoch: epochString({ read: star ? [n - 1, n] : [n], write: [n] }) };
}

/** A read or write list; undefined when absent or null (snapd: nil). */
function epochList(n: YNode | undefined): number[] | undefined | string {
  if (n === undefined || isNull(n)) return undefined;
  if (n.kind !== "seq") return "epoch read/write attributes must be lists of epoch numbers";
  const out: number[] = [];
  for (const item of n.items) {
    if (item.kind !== "scalar") return "epoch read/write attributes must be lists of epoch numbers";
    const v = parseEpochNumber(isNull(item) ? "" : item.text);
    if (typeof v === "string") return v;
    out.push(v);
  }
  return out;
}

/** `{read, write}` (snapd fromStructured); other keys are ignored, as yaml.v2 ignores them. */
function epochFromMap(fields: Map<string, YNode>): EpochResult {
  const read = epochList(fields.get("read"));
  if (typeof read === "string") return fail(read);
  const write = epochList(fields.get("write"));
  if (typeof write === "string") return fail(write);
  const r = read ?? write ?? [0];
  if (r.length === 0) return fail("epoch list cannot be explicitly empty");
  const w = write ?? r.slice(-1);
  const e = { read: r, write: w };
  const problem = validateEpoch(e);
  return problem ? fail(problem) : { epoch: epochString(e) };
}

/** The epoch of a snap.yaml node (undefined when the key is absent). */
export function epochFromNode(n: YNode | undefined, fieldsOf: (m: YNode & { kind: "map" }) => Map<string, YNode>): EpochResult {
  if (n === undefined || isNull(n)) return { epoch: "0" };
  if (n.kind === "scalar") return epochFromString(n.text);
  if (n.kind === "seq") return fail("epoch must be N, N* or {read: [...], write: [...]}, not a list");
  return epochFromMap(fieldsOf(n));
}

/**
 * Parse an epoch given as a plain value (kept for callers of the old API): a number or string
 * (`raw` is its source text when known) or a `{read, write}` object.
 */
export function parseEpoch(value: unknown, raw: string | null): { epoch: string; error?: string } {
  if (value === undefined || value === null) return { epoch: "0" };
  if (typeof value !== "object") return epochFromString(raw ?? String(value));
  if (Array.isArray(value)) return fail("epoch must be N, N* or {read: [...], write: [...]}, not a list");
  const obj = value as Record<string, unknown>;
  const toNode = (v: unknown): YNode | undefined => {
    if (v === undefined) return undefined;
    if (v === null) return { kind: "scalar", text: "", style: "plain", line: 0 };
    if (Array.isArray(v)) return { kind: "seq", items: v.map((x) => ({ kind: "scalar", text: String(x), style: "plain", line: 0 }) as YNode), line: 0 };
    return { kind: "scalar", text: String(v), style: "plain", line: 0 };
  };
  const fields = new Map<string, YNode>();
  for (const k of ["read", "write"]) {
    const node = toNode(obj[k]);
    if (node) fields.set(k, node);
  }
  return epochFromMap(fields);
}
