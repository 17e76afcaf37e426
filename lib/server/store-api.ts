import "server-only";
// The store API snapd speaks (contract: ../shared/docs/snapd-client.md, shapes in
// lib/catalogue/store-json.ts):
//
//   GET  /v2/snaps/find                 search (searchCatalogue), devmode never returned
//   GET  /v2/snaps/info/{name}          the snap and its channel map
//   POST /v2/snaps/refresh              install, download and refresh actions
//   GET  /v2/snaps/download/{id}_{rev}.snap   the blob (Range / 206), fs or S3
//   GET  /v2/snaps/categories, /api/v1/snaps/sections, /api/v1/snaps/names
//
// Each function takes the db and the Request and returns the Response, because the wire details
// are the contract here: Content-Type exactly `application/json` (snapd rejects a charset suffix)
// or `application/hal+json`, errors as {"error-list": [...]}. Public and unauthenticated: only
// public snaps with an approved name are visible; private snaps are "not found".
import { Readable } from "node:stream";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  decideAction,
  findRelease,
  infoChannelMap,
  openReleases,
  parseFieldList,
  pickFields,
  revisionFields,
  snapFields,
  storeChannelName,
  type StoreRelease,
  type StoreRevisionFacts,
  type StoreSnapFacts,
} from "@/lib/catalogue/store-json";
import { LISTING_CATEGORY_SLUGS } from "@/lib/schemas/listing";
import { snapActionSchema } from "@/lib/schemas/store-api";
import { parseChannel, type Channel } from "@/lib/snap/channels";
import { BlobNotFoundError, getBlobStore, RangeNotSatisfiableError } from "@/lib/storage";
import { PUBLIC_SNAP } from "@/lib/vocabulary";
import { join, raw, sql, type Sql } from "@/lib/generated/sqlite/internal/prismaNamespace";
import { searchCatalogueIds } from "./catalogue";
import { providerOf } from "./search-index";
import { refusal } from "./explain";
import { catalogueGeneration, snapRows, storeCache, storeFlights } from "./store-cache";
import { fetchAssertionsResults, type FetchAssertionsAction } from "./store-fetch-assertions";

/** At most this many find results (snapd shows them all; it does not page). */
export const FIND_LIMIT = 100;
const CONFINEMENTS = ["strict", "classic", "devmode"] as const;

// ---------------------------------------------------------------------------------------------
// Wire helpers
// ---------------------------------------------------------------------------------------------

export function storeJson(status: number, body: unknown, contentType = "application/json", headers: Record<string, string> = {}): Response {
  return storeJsonText(status, JSON.stringify(body), contentType, headers);
}

function storeJsonText(status: number, text: string, contentType = "application/json", headers: Record<string, string> = {}): Response {
  return new Response(text, { status, headers: { "Content-Type": contentType, "Cache-Control": "no-store", ...headers } });
}

function errorResponse(err: unknown, where: string): Response {
  if (err instanceof AppError) {
    return storeJson(err.status, { "error-list": [{ code: err.code, message: err.message, ...(err.details ? { extra: err.details } : {}) }] });
  }
  console.error(`unexpected error in the store API (${where})`, err);
  return storeJson(500, { "error-list": [{ code: "internal-error", message: "Internal server error; the store logged the details." }] });
}

/**
 * The public origin for absolute URLs (download links, media, store-url): SNAPSTORE_PUBLIC_URL
 * when set (behind a proxy that rewrites Host), else the request's own origin as the client sent
 * it (X-Forwarded-Proto/Host first), so a device reaches the link the way it reached the API.
 */
export function publicBaseUrl(req: Request, env: Record<string, string | undefined> = process.env): string {
  const configured = env.SNAPSTORE_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0].trim() || req.headers.get("host") || url.host;
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0].trim() || url.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}

export const downloadPath = (snapId: string, revision: number) => `/v2/snaps/download/${snapId}_${revision}.snap`;

// ---------------------------------------------------------------------------------------------
// Reading snaps
// ---------------------------------------------------------------------------------------------

/** A public snap with its owner, media and released (reviewed) revisions: what every answer needs. */
export interface StoreSnapRow {
  id: string;
  snapId: string;
  name: string;
  title: string | null;
  summary: string | null;
  description: string | null;
  license: string | null;
  website: string | null;
  contact: string | null;
  private: boolean;
  categories: unknown;
  defaultTrack: string | null;
  owner: { id: string; username: string; displayName: string; validation: string };
  media: { id: string; type: string; width: number | null; height: number | null }[];
  releases: {
    track: string;
    risk: string;
    branch: string;
    architecture: string;
    releasedAt: Date;
    revision: StoreRevisionRow | null;
  }[];
}

/** A released revision's columns in a StoreSnapRow. */
interface StoreRevisionRow {
  revision: number;
  status: string;
  version: string | null;
  confinement: string | null;
  grade: string | null;
  type: string | null;
  base: string | null;
  architectures: unknown;
  sha3_384: string | null;
  size: number | bigint;
  snapYaml: string | null;
  meta: unknown;
  createdAt: Date;
}
type SnapRow = StoreSnapRow;

/** One row of the snaps query: the snap, its owner (a*), one release and its revision, flattened. */
type Flat = Omit<StoreSnapRow, "owner" | "media" | "releases"> &
  Omit<StoreRevisionRow, "revision"> & {
    aId: string;
    aUsername: string;
    aDisplayName: string;
    aValidation: string;
    track: string | null;
    risk: string;
    branch: string;
    architecture: string;
    releasedAt: Date;
    revision: number | null;
  };

export type StoreSnapKey = "id" | "snapId" | "name";
const KEY_COLUMN: Record<StoreSnapKey, Sql> = { id: raw(`s."id"`), snapId: raw(`s."snapId"`), name: raw(`s."name"`) };

/**
 * Public snaps by id, snap-id or name, with everything an answer needs, in ONE query (snap, owner,
 * each release joined to its reviewed revision; a snap with nothing released has one row of
 * nulls) plus one for media, run together. Prisma's include would issue a query per relation.
 */
export async function loadStoreSnaps(db: Db, by: StoreSnapKey, keys: string[]): Promise<Map<string, StoreSnapRow>> {
  const out = new Map<string, StoreSnapRow>();
  if (!keys.length) return out;
  const where = sql`${KEY_COLUMN[by]} IN (${join(keys)}) AND s."private" = ${raw("false")} AND s."nameStatus" = 'active'`;
  const [flat, media] = await Promise.all([
    db.$queryRaw<Flat[]>(sql`SELECT s."id", s."snapId", s."name", s."title", s."summary", s."description", s."license", s."website", s."contact",
        s."private", s."categories", s."defaultTrack",
        a."id" AS "aId", a."username" AS "aUsername", a."displayName" AS "aDisplayName", a."validation" AS "aValidation",
        r."track", r."risk", r."branch", r."architecture", r."releasedAt",
        v."revision", v."status", v."version", v."confinement", v."grade", v."type", v."base", v."architectures", v."sha3_384", v."size",
        v."snapYaml", v."meta", v."createdAt"
      FROM "Snap" s JOIN "Account" a ON a."id" = s."ownerId"
      LEFT JOIN "Release" r ON r."snapId" = s."id" AND r."revisionId" IS NOT NULL
      LEFT JOIN "Revision" v ON v."id" = r."revisionId" AND v."status" = 'ready_to_release'
      WHERE ${where}
      ORDER BY s."id", r."track", r."risk", r."branch", r."architecture"`),
    db.$queryRaw<{ snapId: string; id: string; type: string; width: number | null; height: number | null }[]>(
      sql`SELECT m."snapId", m."id", m."type", m."width", m."height" FROM "Media" m JOIN "Snap" s ON s."id" = m."snapId"
        WHERE ${where} AND m."type" IN ('icon', 'screenshot') ORDER BY m."snapId", m."type", m."position", m."createdAt"`,
    ),
  ]);
  const byId = new Map<string, StoreSnapRow>();
  for (const f of flat) {
    let row = byId.get(f.id);
    if (!row) {
      const { id, snapId, name, title, summary, description, license, website, contact, categories, defaultTrack } = f;
      const owner = { id: f.aId, username: f.aUsername, displayName: f.aDisplayName, validation: f.aValidation };
      row = {
        id,
        snapId,
        name,
        title,
        summary,
        description,
        license,
        website,
        contact,
        private: Boolean(f.private),
        categories,
        defaultTrack,
        owner,
        media: [],
        releases: [],
      };
      byId.set(f.id, row);
      out.set(by === "id" ? id : by === "snapId" ? snapId : name, row);
    }
    if (f.track === null || f.revision === null) continue;
    const { revision, status, version, confinement, grade, type, base, architectures, sha3_384, size, snapYaml, meta, createdAt } = f;
    row.releases.push({
      track: f.track,
      risk: f.risk,
      branch: f.branch,
      architecture: f.architecture,
      releasedAt: f.releasedAt,
      revision: { revision, status, version, confinement, grade, type, base, architectures, sha3_384, size, snapYaml, meta, createdAt },
    });
  }
  for (const m of media)
    byId
      .get(m.snapId)
      ?.media.push({ id: m.id, type: m.type, width: m.width === null ? null : Number(m.width), height: m.height === null ? null : Number(m.height) });
  return out;
}

/**
 * loadStoreSnaps through the per-snap cache (store-cache.ts snapRows): rows this instance loaded
 * stay until a write changes that snap, on any instance; absent snaps are remembered for the
 * current generation only. The others are loaded together.
 */
export async function cachedStoreSnaps(db: Db, gen: number, by: StoreSnapKey, keys: string[]): Promise<Map<string, StoreSnapRow>> {
  const cache = await snapRows<StoreSnapRow>(db, gen);
  const out = new Map<string, StoreSnapRow>();
  const missing: string[] = [];
  for (const k of new Set(keys)) {
    const hit = cache.get(`${by}:${k}`);
    if (hit === undefined) missing.push(k);
    else if (hit) out.set(k, hit);
  }
  if (missing.length) {
    const loaded = await loadStoreSnaps(db, by, missing);
    for (const k of missing) {
      const row = loaded.get(k) ?? null;
      cache.set(gen, `${by}:${k}`, row, row?.id ?? null);
      if (row) out.set(k, row);
    }
  }
  return out;
}

const loadByName = async (db: Db, gen: number, name: string) => (await cachedStoreSnaps(db, gen, "name", [name])).get(name) ?? null;

interface Loaded {
  facts: StoreSnapFacts;
  rels: StoreRelease[];
  defaultTrack: string | null;
}

function toFacts(s: SnapRow, base: string): Loaded {
  const rels: StoreRelease[] = [];
  for (const r of s.releases) {
    // Only reviewed revisions are ever served (a release needs ready_to_release).
    if (!r.revision || r.revision.status !== "ready_to_release") continue;
    const rev = r.revision;
    const revision: StoreRevisionFacts = {
      revision: rev.revision,
      version: rev.version,
      confinement: rev.confinement,
      grade: rev.grade,
      type: rev.type,
      base: rev.base,
      architectures: Array.isArray(rev.architectures) ? (rev.architectures as string[]) : [],
      sha3_384: rev.sha3_384,
      size: Number(rev.size),
      snapYaml: rev.snapYaml,
      epoch: typeof (rev.meta as { epoch?: unknown } | null)?.epoch === "string" ? (rev.meta as { epoch: string }).epoch : "0",
      createdAt: rev.createdAt,
    };
    rels.push({ track: r.track, risk: r.risk, branch: r.branch || null, architecture: r.architecture, releasedAt: r.releasedAt, revision });
  }
  return {
    rels,
    defaultTrack: s.defaultTrack,
    facts: {
      snapId: s.snapId,
      name: s.name,
      title: s.title,
      summary: s.summary,
      description: s.description,
      license: s.license,
      website: s.website,
      contact: s.contact,
      private: s.private,
      categories: Array.isArray(s.categories) ? (s.categories as string[]) : [],
      defaultTrack: s.defaultTrack,
      publisher: { id: s.owner.id, username: s.owner.username, displayName: s.owner.displayName, validation: s.owner.validation },
      media: s.media
        .filter((m) => m.type === "icon" || m.type === "screenshot")
        .map((m) => ({ type: m.type, url: `${base}/media/${m.id}`, width: m.width, height: m.height })),
    },
  };
}

const downloadUrlFor = (base: string, snapId: string) => (r: StoreRevisionFacts) => `${base}${downloadPath(snapId, r.revision)}`;
const storeUrl = (base: string, name: string) => `${base}/snaps/${name}`;

/** snapd's architecture: the query's, else Snap-Device-Architecture; null = any. */
function requestArchitecture(req: Request, search: URLSearchParams): string | null {
  return search.get("architecture")?.trim() || req.headers.get("snap-device-architecture")?.trim() || null;
}

function parseChannelParam(raw: string | null): Channel | null {
  if (!raw) return null;
  const p = parseChannel(raw);
  if (!p.ok) throw refusal("invalid-channel", { problems: [p.message] });
  return p.channel;
}

function parseConfinement(raw: string | null): ("strict" | "classic")[] {
  if (!raw) return ["strict", "classic"];
  const asked = raw
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const bad = asked.filter((c) => !(CONFINEMENTS as readonly string[]).includes(c));
  if (bad.length) throw refusal("invalid-field", { field: "confinement", problems: [`Unknown confinement ${bad.join(", ")}: use strict, classic.`] });
  // Devmode is never listed, whatever is asked.
  return asked.filter((c): c is "strict" | "classic" => c === "strict" || c === "classic");
}

// ---------------------------------------------------------------------------------------------
// GET /v2/snaps/find
// ---------------------------------------------------------------------------------------------

/** The snaps (Snap.id) a find request matches, in result order (before the per-revision filters). */
async function findIds(db: Db, gen: number, search: URLSearchParams, confinement: ("strict" | "classic")[]): Promise<string[]> {
  const name = search.get("name")?.trim();
  if (name) {
    // name= is always a name prefix: snapd sends `snap find --name foo*` as name=foo and looks an
    // exact name up with /v2/snaps/info instead. A trailing "*" is accepted too.
    const prefix = name.replace(/\*$/, "");
    if (!/^[a-z0-9-]*$/.test(prefix)) return [];
    // On SQLite, LIKE 'prefix%' walks the whole name index; the range (names are [a-z0-9-], all
    // below "~" in binary order) lets it seek. PostgreSQL's collation may order "-" otherwise.
    const range = providerOf(db) === "sqlite" ? { gte: prefix, lt: `${prefix}~` } : {};
    const rows = await db.snap.findMany({
      where: { ...PUBLIC_SNAP, name: { startsWith: prefix, ...range } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: FIND_LIMIT,
    });
    return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((r) => r.id);
  }
  const q = search.get("q")?.trim() || undefined;
  const category = search.get("category")?.trim() || undefined;
  if (confinement.length === 0) return [];
  return (await searchCatalogueIds(db, { q, category, confinement, take: FIND_LIMIT, generation: gen, withTotal: false })).ids;
}

/**
 * The find answer is cached whole per catalogue generation (store-cache.ts) under everything it
 * depends on: the query string, the architecture header and the public base URL of its links.
 */
export async function storeFind(db: Db, req: Request): Promise<Response> {
  try {
    if (!req.headers.get("snap-device-series")) throw refusal("missing-device-header", { header: "Snap-Device-Series" });
    const url = new URL(req.url);
    const search = url.searchParams;
    const base = publicBaseUrl(req);
    const confinement = parseConfinement(search.get("confinement"));
    const channel = parseChannelParam(search.get("channel"));
    const architecture = requestArchitecture(req, search);
    const fields = parseFieldList(search.get("fields"));
    const gen = await catalogueGeneration(db);
    const cache = storeCache(db);
    const key = `find ${base} ${architecture ?? ""} ${url.search}`;
    const cached = cache.get<string>(gen, key);
    if (cached !== undefined) return storeJsonText(200, cached);
    // Requests for the same answer under the same generation share one computation.
    const text = await storeFlights(db).run(`${gen} ${key}`, async () => {
      const ids = await findIds(db, gen, search, confinement);
      const byId = await cachedStoreSnaps(db, gen, "id", ids);
      const results: unknown[] = [];
      for (const id of ids) {
        const row = byId.get(id);
        if (!row) continue;
        const { facts, rels, defaultTrack } = toFacts(row, base);
        const rel = findRelease(rels, { architecture, confinement, channel, defaultTrack });
        if (!rel) continue;
        results.push({
          name: facts.name,
          "snap-id": facts.snapId,
          snap: pickFields(snapFields(facts, storeUrl(base, facts.name)), fields, ["name", "snap-id"]),
          revision: {
            ...pickFields(revisionFields(rel.revision, downloadUrlFor(base, facts.snapId)(rel.revision)), fields, ["revision"]),
            channel: storeChannelName(rel.track, rel.risk, rel.branch),
          },
        });
      }
      const computed = JSON.stringify({ results });
      cache.set(gen, key, computed);
      return computed;
    });
    return storeJsonText(200, text);
  } catch (err) {
    return errorResponse(err, "find");
  }
}

// ---------------------------------------------------------------------------------------------
// GET /v2/snaps/info/{name}
// ---------------------------------------------------------------------------------------------

export async function storeInfo(db: Db, req: Request, name: string): Promise<Response> {
  try {
    const search = new URL(req.url).searchParams;
    const base = publicBaseUrl(req);
    const row = /^[a-z0-9-]{1,40}$/.test(name) ? await loadByName(db, await catalogueGeneration(db), name) : null;
    if (!row) throw refusal("name-not-found", { name: name.slice(0, 60) });
    const { facts, rels, defaultTrack } = toFacts(row, base);
    const fields = parseFieldList(search.get("fields"));
    const map = infoChannelMap(rels, { architecture: requestArchitecture(req, search), defaultTrack }, downloadUrlFor(base, facts.snapId));
    // A 200 with an empty channel map is "not found" to snapd too; say it plainly.
    if (map.length === 0) throw refusal("name-not-found", { name });
    return storeJson(200, {
      name: facts.name,
      "snap-id": facts.snapId,
      snap: pickFields(snapFields(facts, storeUrl(base, facts.name)), fields, ["name", "snap-id"]),
      "channel-map": map.map((e) => pickFields(e, fields, ["channel", "revision"])),
      "default-track": defaultTrack,
    });
  } catch (err) {
    return errorResponse(err, "info");
  }
}

// ---------------------------------------------------------------------------------------------
// POST /v2/snaps/refresh
// ---------------------------------------------------------------------------------------------

type ActionResult = Record<string, unknown>;

function actionError(action: { action: string; "instance-key"?: string; name?: string; "snap-id"?: string }, err: AppError): ActionResult {
  return {
    result: "error",
    "instance-key": action["instance-key"] ?? "",
    ...(action.name ? { name: action.name } : {}),
    ...(action["snap-id"] ? { "snap-id": action["snap-id"] } : {}),
    error: { code: err.code, message: err.message, extra: err.details ?? {} },
  };
}

// eslint-disable-next-line max-lines-per-function -- the snap-action request in snapd's order: parse, context, per-action resolve, answer; each step is a few lines
export async function storeSnapAction(db: Db, req: Request): Promise<Response> {
  try {
    const architecture = req.headers.get("snap-device-architecture")?.trim();
    if (!architecture) throw refusal("missing-device-header", { header: "Snap-Device-Architecture" });
    let json: unknown;
    try {
      json = await req.json();
    } catch {
      throw refusal("invalid-json", {});
    }
    const parsed = snapActionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw refusal("invalid-field", { field: issue.path.join(".") || "body", problems: [issue.message] });
    }
    const body = parsed.data;
    const base = publicBaseUrl(req);
    const fields = body.fields?.length ? body.fields : null;
    const context = new Map((body.context ?? []).map((c) => [c["instance-key"], c]));
    const actions = (body.actions ?? []).filter((a) => a.action === "install" || a.action === "download" || a.action === "refresh");

    // The generation read, then the snaps this instance has not cached under it: at most two
    // queries (by snap-id, by name), each one round trip for snaps, channels and revisions.
    const ids = [...new Set(actions.filter((a) => a.action === "refresh" || (!a.name && a["snap-id"])).map((a) => a["snap-id"] ?? ""))].filter(Boolean);
    const names = [...new Set(actions.filter((a) => a.action !== "refresh" && a.name).map((a) => a.name!))];
    const gen = actions.length ? await catalogueGeneration(db) : -1;
    const [snapsById, snapsByName] = await Promise.all([cachedStoreSnaps(db, gen, "snapId", ids), cachedStoreSnaps(db, gen, "name", names)]);

    const results: ActionResult[] = [];
    for (const a of actions) {
      const isRefresh = a.action === "refresh";
      const row = isRefresh || (!a.name && a["snap-id"]) ? snapsById.get(a["snap-id"] ?? "") : snapsByName.get(a.name ?? "");
      if (!row) {
        results.push(
          actionError(
            a,
            a.name && !isRefresh ? refusal("name-not-found", { name: a.name }) : refusal("id-not-found", { id: (a["snap-id"] ?? "").slice(0, 64) }),
          ),
        );
        continue;
      }
      const cur = isRefresh ? (context.get(a["instance-key"] ?? "") ?? [...context.values()].find((c) => c["snap-id"] === row.snapId)) : undefined;
      const { facts, rels, defaultTrack } = toFacts(row, base);
      const decision = decideAction(rels, {
        channel: a.channel || (isRefresh ? (cur?.["tracking-channel"] ?? null) : null),
        revision: a.revision ?? null,
        architecture,
        defaultTrack,
        current: isRefresh && cur ? cur.revision : null,
      });
      if (decision.kind === "no-update") continue;
      if (decision.kind === "invalid-channel") {
        results.push(actionError({ ...a, name: row.name }, refusal("invalid-channel", { problems: [decision.message] })));
        continue;
      }
      if (decision.kind === "revision-not-found") {
        const err = refusal("revision-not-found", {
          name: row.name,
          channel: decision.channel,
          ...(a.revision ? { revision: a.revision } : {}),
          architecture,
          releases: openReleases(rels),
        });
        results.push(actionError({ ...a, name: row.name, "snap-id": row.snapId }, err));
        continue;
      }
      const rev = decision.release.revision;
      const snap = pickFields({ ...snapFields(facts, storeUrl(base, facts.name)), ...revisionFields(rev, downloadUrlFor(base, facts.snapId)(rev)) }, fields, [
        "name",
        "snap-id",
        "revision",
      ]);
      results.push({
        result: a.action,
        "instance-key": a["instance-key"] ?? (isRefresh ? row.snapId : ""),
        "snap-id": row.snapId,
        name: row.name,
        snap,
        "effective-channel": decision.effectiveChannel,
      });
    }
    // fetch-assertions groupings after the snaps (snapd matches results by key, not by position).
    const fetches = (body.actions ?? []).filter((a): a is typeof a & FetchAssertionsAction => a.action === "fetch-assertions");
    if (fetches.length) results.push(...(await fetchAssertionsResults(db, base, fetches, body["assertion-max-formats"])));
    return storeJson(200, { results, "error-list": [] });
  } catch (err) {
    return errorResponse(err, "refresh");
  }
}

// ---------------------------------------------------------------------------------------------
// GET /v2/snaps/download/{snap-id}_{revision}.snap
// ---------------------------------------------------------------------------------------------

/** `bytes=N-` or `bytes=N-M` (one range); anything else is ignored (the whole file, 200). */
export function parseRange(header: string | null): { start: number; end?: number } | null {
  const m = header ? /^bytes=(\d{1,15})-(\d{0,15})$/.exec(header.trim()) : null;
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === "" ? undefined : Number(m[2]);
  if (end !== undefined && end < start) return null;
  return { start, end };
}

export async function storeDownload(db: Db, req: Request, file: string): Promise<Response> {
  try {
    const m = /^([A-Za-z0-9]{32})_(\d{1,9})\.snap$/.exec(file);
    const rev = m
      ? await db.revision.findFirst({
          // Released revisions only: a reviewed but unreleased revision is not public yet.
          where: { revision: Number(m[2]), status: "ready_to_release", snap: { snapId: m[1], ...PUBLIC_SNAP }, releases: { some: {} } },
          select: { revision: true, sha3_384: true, size: true, snap: { select: { name: true } } },
        })
      : null;
    if (!rev || !rev.sha3_384) throw refusal("revision-not-found", { name: m?.[1] ?? file.slice(0, 60), revision: m ? Number(m[2]) : undefined });
    const size = Number(rev.size);
    const rangeHeader = req.headers.get("range");
    const range = parseRange(rangeHeader);
    if (range && range.start >= size) {
      const err = refusal("range-not-satisfiable", { size, range: rangeHeader ?? "" });
      return storeJson(416, { "error-list": [{ code: err.code, message: err.message }] }, "application/json", { "Content-Range": `bytes */${size}` });
    }
    const headers: Record<string, string> = {
      "Content-Type": "application/octet-stream",
      "Accept-Ranges": "bytes",
      ETag: `"${rev.sha3_384}"`,
      "Content-Disposition": `attachment; filename="${rev.snap.name}_${rev.revision}.snap"`,
      // Immutable: a snap-id and revision name one file forever.
      "Cache-Control": "public, max-age=31536000, immutable",
    };
    let stream: NodeJS.ReadableStream;
    let status = 200;
    if (range) {
      const end = Math.min(range.end ?? size - 1, size - 1);
      stream = await getBlobStore().open(rev.sha3_384, { start: range.start, end });
      status = 206;
      headers["Content-Range"] = `bytes ${range.start}-${end}/${size}`;
      headers["Content-Length"] = String(end - range.start + 1);
    } else {
      stream = await getBlobStore().open(rev.sha3_384);
      headers["Content-Length"] = String(size);
    }
    if (req.method === "HEAD") {
      (stream as Readable).destroy?.();
      return new Response(null, { status, headers });
    }
    const body = Readable.toWeb(Readable.from(stream as AsyncIterable<Buffer>)) as ReadableStream<Uint8Array>;
    return new Response(body, { status, headers });
  } catch (err) {
    if (err instanceof BlobNotFoundError) return errorResponse(refusal("not-found", { message: "The file of this revision is no longer stored." }), "download");
    if (err instanceof RangeNotSatisfiableError) return storeJson(416, { "error-list": [{ code: "range-not-satisfiable", message: String(err.message) }] });
    return errorResponse(err, "download");
  }
}

// ---------------------------------------------------------------------------------------------
// Categories, sections, names
// ---------------------------------------------------------------------------------------------

/** Categories snapd can ask for: "featured" (what `snap find` with no query shows) and the listing's. */
export const STORE_CATEGORIES = ["featured", ...LISTING_CATEGORY_SLUGS] as const;

export function storeCategories(): Response {
  return storeJson(200, { categories: STORE_CATEGORIES.map((name) => ({ name })) }, "application/json", { "Cache-Control": "public, max-age=3600" });
}

export function storeSections(): Response {
  return storeJson(200, { _embedded: { "clickindex:sections": STORE_CATEGORIES.map((name) => ({ name })) } }, "application/hal+json", {
    "Cache-Control": "public, max-age=3600",
  });
}

/**
 * GET /api/v1/snaps/names: every listed snap with its version and apps (the daemon's daily
 * command-not-found catalogue). The stable-most non-devmode release on the default track.
 */
export async function storeNames(db: Db, req: Request): Promise<Response> {
  try {
    const search = new URL(req.url).searchParams;
    const confinement = parseConfinement(search.get("confinement"));
    const rows = await db.snap.findMany({
      where: { ...PUBLIC_SNAP, releases: { some: { revision: { confinement: { in: confinement } } } } },
      select: {
        name: true,
        summary: true,
        defaultTrack: true,
        releases: {
          where: { revisionId: { not: null } },
          select: {
            track: true,
            risk: true,
            branch: true,
            architecture: true,
            releasedAt: true,
            revision: { select: { revision: true, version: true, confinement: true, status: true, meta: true } },
          },
        },
      },
      orderBy: { name: "asc" },
    });
    const packages: unknown[] = [];
    for (const s of rows) {
      const appsOf = new Map(s.releases.map((r) => [r.revision?.revision, (r.revision?.meta as { apps?: { name?: string }[] } | null)?.apps ?? []]));
      const rels: StoreRelease[] = s.releases
        .filter((r) => r.revision && r.revision.status === "ready_to_release")
        .map((r) => ({
          track: r.track,
          risk: r.risk,
          branch: r.branch || null,
          architecture: r.architecture,
          releasedAt: r.releasedAt,
          revision: {
            revision: r.revision!.revision,
            version: r.revision!.version,
            confinement: r.revision!.confinement,
            grade: null,
            type: null,
            base: null,
            architectures: [],
            sha3_384: null,
            size: 0,
            snapYaml: null,
            epoch: "0",
            createdAt: r.releasedAt,
          },
        }));
      const rel = findRelease(rels, { architecture: null, confinement, channel: null, defaultTrack: s.defaultTrack });
      if (!rel) continue;
      const apps = (appsOf.get(rel.revision.revision) ?? []).map((a) => a.name).filter((n): n is string => !!n);
      packages.push({ package_name: s.name, version: rel.revision.version ?? "", summary: s.summary ?? "", aliases: [], apps });
    }
    return storeJson(200, { _embedded: { "clickindex:package": packages } }, "application/hal+json");
  } catch (err) {
    return errorResponse(err, "names");
  }
}
