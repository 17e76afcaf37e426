import "server-only";
// A user's (simulated) devices: the store's facts (channel map, snap-declarations) fed to the pure
// snapd model of lib/devices, and its outcome written back in one transaction with a `snap
// changes` row and an audit entry. Every function is owner-scoped: another user's device is
// "not found", whoever asks.
import type { Db, Tx } from "@/lib/db/client";
import * as model from "@/lib/devices/model";
import type { DeviceState, InstalledSnap, StoreDeclaration, StoreRevision } from "@/lib/devices/model";
import { connectionRows, listRows, snapChanges, snapConnections, snapList, type ChangeRow } from "@/lib/devices/views";
import { snapInfo, type InfoChannelRelease, type InfoLocal, type InfoRemote, type InfoSnap } from "@/lib/devices/info";
import type { SnapDeclaration } from "@/lib/policy/declaration";
import { channelName, parseChannel, resolveChannel, RISKS, type ReleaseRow } from "@/lib/snap/channels";
import type { PlugOrSlot, SnapMeta } from "@/lib/snap/snap-yaml";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/errors";
import { errorText, fill, HELP_TEXT, type Command } from "@/lib/devices/terminal";
import { effectiveListing } from "@/lib/search/listing";
import { audit } from "./audit";
import { refusal } from "./explain";
import { ownedSnap, type Actor } from "./ownership";
import { installedBase, type MetricDimension } from "@/lib/devices/metrics";

/** The actor's own devices, by name, with how many snaps each has. */
export function listDevices(db: Db, actor: Actor) {
  return db.device.findMany({ where: { ownerId: actor.id }, include: { _count: { select: { snaps: true } } }, orderBy: { name: "asc" } });
}

export async function createDevice(db: Db, actor: Actor, input: { name: string; architecture: string; classic: boolean }) {
  return db.$transaction(async (tx) => {
    if (await tx.device.findFirst({ where: { ownerId: actor.id, name: input.name }, select: { id: true } }))
      throw refusal("device-name-taken", { name: input.name });
    const device = await tx.device.create({ data: { ownerId: actor.id, name: input.name, architecture: input.architecture, classic: input.classic } });
    await audit(tx, { actorId: actor.id, action: "device.create", targetType: "device", targetId: device.id, data: { ...input } });
    return device;
  });
}

/** The device if the actor owns it; 404 device-not-found otherwise (no existence leak). */
export async function ownedDevice(db: Tx, actor: Actor, id: string) {
  const device = await db.device.findUnique({ where: { id } });
  if (!device || device.ownerId !== actor.id) throw refusal("device-not-found", { id });
  return device;
}

// ---------------------------------------------------------------------------------------------
// Store facts
// ---------------------------------------------------------------------------------------------

type RevisionRow = NonNullable<Awaited<ReturnType<typeof revisionWithSnap>>>;

function revisionWithSnap(db: Tx, where: { id: string } | { snapId_revision: { snapId: string; revision: number } }) {
  return db.revision.findUnique({ where, include: { snap: { include: { owner: true } } } });
}

const list = (m: Record<string, PlugOrSlot> | undefined): PlugOrSlot[] => Object.values(m ?? {});

function storeRevision(r: RevisionRow): StoreRevision {
  const meta = (r.meta ?? {}) as Partial<SnapMeta>;
  return {
    name: r.snap.name,
    snapId: r.snap.snapId,
    publisher: { id: r.snap.owner.id, username: r.snap.owner.username, displayName: r.snap.owner.displayName, validation: r.snap.owner.validation },
    revision: r.revision,
    version: r.version ?? "",
    confinement: r.confinement ?? "strict",
    type: (r.type as StoreRevision["type"]) ?? undefined,
    summary: meta.summary ?? r.snap.summary ?? undefined,
    plugs: list(meta.plugs),
    slots: list(meta.slots),
  };
}

const NO_DECLARATION: StoreDeclaration = { revision: 0, rules: {} };

function declarationOf(row: { revision: number; plugs: unknown; slots: unknown } | null): StoreDeclaration {
  if (!row) return NO_DECLARATION;
  return { revision: row.revision, rules: { plugs: (row.plugs ?? {}) as SnapDeclaration["plugs"], slots: (row.slots ?? {}) as SnapDeclaration["slots"] } };
}

async function currentDeclaration(db: Tx, snapRowId: string): Promise<StoreDeclaration> {
  return declarationOf(
    await db.snapDeclaration.findFirst({ where: { snapId: snapRowId }, orderBy: { revision: "desc" }, select: { revision: true, plugs: true, slots: true } }),
  );
}

async function declarationAt(db: Tx, snapRowId: string, revision: number): Promise<StoreDeclaration> {
  return declarationOf(
    await db.snapDeclaration.findUnique({ where: { snapId_revision: { snapId: snapRowId, revision } }, select: { revision: true, plugs: true, slots: true } }),
  );
}

async function releaseRows(db: Tx, snapRowId: string): Promise<ReleaseRow[]> {
  const rows = await db.release.findMany({ where: { snapId: snapRowId }, include: { revision: { select: { revision: true } } } });
  return rows.map((r) => ({
    channel: channelName(r.track, r.risk as (typeof RISKS)[number], r.branch || null),
    architecture: r.architecture,
    revision: r.revision?.revision ?? null,
  }));
}

/** Canonical channel name, or snapd's refusal. */
function canonicalChannel(input: string, defaultTrack?: string | null): string {
  const p = parseChannel(input, defaultTrack ? { defaultTrack } : undefined);
  if (!p.ok)
    throw refusal("snapd-refused", {
      kind: "invalid-channel",
      message: `invalid channel name "${input}": ${p.message}`,
      cli: `invalid channel name "${input}"`,
    });
  return p.channel.name;
}

/** What `channel` resolves to for the device (resolveChannel: a closed risk follows a more stable one). */
async function candidate(db: Tx, snap: { id: string; name: string }, channel: string, architecture: string): Promise<RevisionRow | null> {
  const p = parseChannel(channel);
  if (!p.ok) return null;
  const hit = resolveChannel(await releaseRows(db, snap.id), p.channel, architecture);
  if (!hit) return null;
  return revisionWithSnap(db, { snapId_revision: { snapId: snap.id, revision: hit.revision } });
}

function snapdError(e: model.DeviceError) {
  const facts = { kind: e.kind, message: e.message, cli: e.cli, ...(e.decision ? { decision: { ...e.decision } } : {}) };
  return e.kind === "snap-not-installed" || e.kind === "snap-not-found" ? refusal("snapd-not-found", facts) : refusal("snapd-refused", facts);
}

// ---------------------------------------------------------------------------------------------
// Device state
// ---------------------------------------------------------------------------------------------

interface Loaded {
  device: { id: string; classic: boolean; architecture: string };
  state: DeviceState;
  /** DeviceSnap rows by snap name (for conditional updates). */
  rows: Map<string, { id: string; snapRowId: string; revisionId: string; channel: string; mode: string }>;
}

async function loadState(db: Tx, device: { id: string; classic: boolean; architecture: string }): Promise<Loaded> {
  const snaps = await db.deviceSnap.findMany({ where: { deviceId: device.id }, include: { revision: { include: { snap: { include: { owner: true } } } } } });
  const rows = new Map<string, { id: string; snapRowId: string; revisionId: string; channel: string; mode: string }>();
  const installed: InstalledSnap[] = [];
  for (const s of snaps) {
    const prev = s.previousRevisionId ? await revisionWithSnap(db, { id: s.previousRevisionId }) : null;
    installed.push({
      current: storeRevision(s.revision),
      previous: prev ? storeRevision(prev) : undefined,
      channel: s.channel,
      mode: s.mode as model.InstallMode,
      declaration: await declarationAt(db, s.snapId, s.declarationRevision),
      previousDeclaration: s.previousDeclarationRevision === null ? undefined : await declarationAt(db, s.snapId, s.previousDeclarationRevision),
    });
    rows.set(s.revision.snap.name, { id: s.id, snapRowId: s.snapId, revisionId: s.revisionId, channel: s.channel, mode: s.mode });
  }
  const connections = (await db.connection.findMany({ where: { deviceId: device.id } })).map((c) => ({
    interface: c.interface,
    plugSnap: c.plugSnap,
    plug: c.plug,
    slotSnap: c.slotSnap,
    slot: c.slot,
    manual: c.manual,
    undesired: c.undesired,
  }));
  return { device, state: { classic: device.classic, architecture: device.architecture, snaps: installed, connections }, rows };
}

const connKey = (c: model.Connection) => `${c.plugSnap}\0${c.plug}\0${c.slotSnap}\0${c.slot}`;

/**
 * The installed-base history (DeviceSnapSpan) of an operation: for each snap whose revision or
 * channel changed, or that was installed or removed, the open period is closed and, unless the snap
 * went, a new one opened. Same transaction as the install rows, so history and state agree.
 */
async function recordSpans(tx: Tx, loaded: Loaded, next: DeviceState, now: Date) {
  const deviceId = loaded.device.id;
  const before = new Map(loaded.state.snaps.map((s) => [s.current.name, s]));
  const after = new Map(next.snaps.map((s) => [s.current.name, s]));
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(name);
    const a = after.get(name);
    if (b && a && b.current.revision === a.current.revision && b.channel === a.channel) continue;
    const snapId = loaded.rows.get(name)?.snapRowId ?? (await tx.snap.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
    if (b) await tx.deviceSnapSpan.updateMany({ where: { deviceId, snapId, until: null }, data: { until: now } });
    if (!a) continue;
    await tx.deviceSnapSpan.create({
      data: {
        deviceId,
        snapId,
        architecture: loaded.device.architecture,
        system: loaded.device.classic ? "classic" : "core",
        channel: a.channel,
        version: a.current.version,
        revision: a.current.revision,
        from: now,
      },
    });
  }
}

/** Write `next` over `loaded` (conditional on the snap rows being as read) plus the change and audit rows. */
async function persist(
  tx: Tx,
  actor: Actor,
  loaded: Loaded,
  next: DeviceState,
  op: { kind: string; summary: string; snapName: string; data?: Record<string, unknown> },
) {
  const deviceId = loaded.device.id;
  const before = new Map(loaded.state.snaps.map((s) => [s.current.name, s]));
  const after = new Map(next.snaps.map((s) => [s.current.name, s]));
  for (const [name, row] of loaded.rows) {
    if (!after.has(name)) {
      const n = await tx.deviceSnap.deleteMany({ where: { id: row.id, revisionId: row.revisionId } });
      if (n.count !== 1) throw refusal("device-changed", { id: deviceId });
    }
  }
  for (const [name, s] of after) {
    const old = before.get(name);
    if (old === s) continue;
    const revRow = await tx.revision.findFirst({ where: { snap: { name }, revision: s.current.revision }, select: { id: true, snapId: true } });
    const prevRow = s.previous ? await tx.revision.findFirst({ where: { snap: { name }, revision: s.previous.revision }, select: { id: true } }) : null;
    if (!revRow) throw refusal("device-changed", { id: deviceId });
    const data = {
      revisionId: revRow.id,
      channel: s.channel,
      mode: s.mode,
      declarationRevision: s.declaration.revision,
      previousRevisionId: prevRow?.id ?? null,
      previousDeclarationRevision: s.previousDeclaration?.revision ?? null,
    };
    const row = loaded.rows.get(name);
    if (!row) {
      await tx.deviceSnap.create({ data: { deviceId, snapId: revRow.snapId, ...data } });
    } else {
      // Conditional: a concurrent operation on the same snap makes this one fail, not double-apply.
      const n = await tx.deviceSnap.updateMany({
        where: { id: row.id, revisionId: row.revisionId, channel: row.channel, mode: row.mode },
        data: { ...data, ...(old && old.current.revision !== s.current.revision ? { refreshedAt: new Date() } : {}) },
      });
      if (n.count !== 1) throw refusal("device-changed", { id: deviceId });
    }
  }
  const was = new Map(loaded.state.connections.map((c) => [connKey(c), c]));
  const now = new Map(next.connections.map((c) => [connKey(c), c]));
  for (const [k, c] of was) {
    if (!now.has(k)) await tx.connection.deleteMany({ where: { deviceId, plugSnap: c.plugSnap, plug: c.plug, slotSnap: c.slotSnap, slot: c.slot } });
  }
  for (const [k, c] of now) {
    const old = was.get(k);
    if (!old) await tx.connection.create({ data: { deviceId, ...c } });
    else if (old.manual !== c.manual || old.undesired !== c.undesired || old.interface !== c.interface) {
      await tx.connection.updateMany({
        where: { deviceId, plugSnap: c.plugSnap, plug: c.plug, slotSnap: c.slotSnap, slot: c.slot, manual: old.manual, undesired: old.undesired },
        data: { manual: c.manual, undesired: c.undesired, interface: c.interface },
      });
    }
  }
  await recordSpans(tx, loaded, next, new Date());
  const change = await recordChange(tx, deviceId, op.kind, op.summary, "Done");
  await audit(tx, {
    actorId: actor.id,
    action: `device.${op.kind}`,
    targetType: "device",
    targetId: deviceId,
    data: { snap: op.snapName, summary: op.summary, change: change.seq, ...op.data },
  });
  return change;
}

async function recordChange(tx: Tx, deviceId: string, kind: string, summary: string, status: "Done" | "Error") {
  const last = await tx.deviceChange.findFirst({ where: { deviceId }, orderBy: { seq: "desc" }, select: { seq: true } });
  const at = new Date();
  return tx.deviceChange.create({ data: { deviceId, seq: (last?.seq ?? 0) + 1, kind, summary, status, spawnedAt: at, readyAt: at } });
}

export interface OperationResult {
  /** What the `snap` command prints. */
  output: string;
  /** Plugs left disconnected on purpose, and why. */
  notes: string[];
  change: number;
  snaps: ReturnType<typeof listRows>;
  connections: ReturnType<typeof connectionRows>;
}

async function operate(
  db: Db,
  actor: Actor,
  deviceId: string,
  kind: string,
  snapName: string,
  fn: (tx: Tx, loaded: Loaded) => Promise<model.Result>,
  data?: Record<string, unknown>,
  summary?: string,
): Promise<OperationResult> {
  const outcome = await db
    .$transaction(async (tx) => {
      const device = await ownedDevice(tx, actor, deviceId);
      const loaded = await loadState(tx, device);
      const r = await fn(tx, loaded);
      if (!r.ok) {
        // snapd records the failed change only when it got as far as running it (policy at mount).
        if (r.error.kind === "installation-denied") return { failed: r.error, record: true };
        return { failed: r.error, record: false };
      }
      const change = await persist(tx, actor, loaded, r.value.state, { kind, summary: summary ?? r.value.summary, snapName, data });
      return { value: r.value, change: change.seq };
    })
    .catch((err: unknown) => {
      // Two operations raced on the same device (same snap installed twice, same change number).
      if (isUniqueViolation(err)) throw refusal("device-changed", { id: deviceId });
      throw err;
    });
  if ("failed" in outcome && outcome.failed) {
    if (outcome.record) {
      await db.$transaction(async (tx) => {
        await ownedDevice(tx, actor, deviceId);
        await recordChange(tx, deviceId, kind, `${kind === "install-snap" ? "Install" : "Refresh"} "${snapName}" snap`, "Error");
      });
    }
    throw snapdError(outcome.failed);
  }
  const ok = outcome as { value: model.Outcome; change: number };
  return {
    output: ok.value.output,
    notes: ok.value.notes,
    change: ok.change,
    snaps: listRows(ok.value.state),
    connections: connectionRows(ok.value.state, undefined, true),
  };
}

async function storeSnap(db: Tx, name: string) {
  const snap = await db.snap.findUnique({ where: { name }, select: { id: true, name: true, defaultTrack: true, private: true } });
  if (!snap || snap.private) throw refusal("snapd-not-found", { kind: "snap-not-found", message: `snap "${name}" not found`, cli: `snap "${name}" not found` });
  return snap;
}

function notAvailable(name: string, channel: string, architecture: string): never {
  const m = `snap "${name}" is not available on ${channel} for this architecture (${architecture})`;
  throw refusal("snapd-not-found", { kind: "snap-channel-not-available", message: m, cli: m });
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

export interface InstallInput {
  name: string;
  channel?: string;
  classic?: boolean;
  devmode?: boolean;
  jailmode?: boolean;
}

export function installSnap(db: Db, actor: Actor, deviceId: string, input: InstallInput) {
  return operate(db, actor, deviceId, "install-snap", input.name, async (tx, loaded) => {
    const snap = await storeSnap(tx, input.name);
    const channel = canonicalChannel(input.channel ?? "stable", snap.defaultTrack);
    if (loaded.state.snaps.some((s) => s.current.name === input.name))
      return model.install(loaded.state, { name: input.name } as StoreRevision, NO_DECLARATION, channel);
    const rev = await candidate(tx, snap, channel, loaded.device.architecture);
    if (!rev) notAvailable(input.name, channel, loaded.device.architecture);
    return model.install(loaded.state, storeRevision(rev), await currentDeclaration(tx, snap.id), channel, input);
  });
}

export function refreshSnap(
  db: Db,
  actor: Actor,
  deviceId: string,
  name: string,
  input: { channel?: string; classic?: boolean; devmode?: boolean; jailmode?: boolean } = {},
  opts: { auto?: boolean } = {},
) {
  const kind = opts.auto ? "auto-refresh" : "refresh-snap";
  return operate(
    db,
    actor,
    deviceId,
    kind,
    name,
    async (tx, loaded) => {
      const inst = loaded.state.snaps.find((s) => s.current.name === name);
      if (!inst) return model.refresh(loaded.state, name, null, NO_DECLARATION);
      const snap = await storeSnap(tx, name);
      const channel = input.channel ? canonicalChannel(input.channel, snap.defaultTrack) : inst.channel;
      const rev = await candidate(tx, snap, channel, loaded.device.architecture);
      // Only newer revisions are updates; an older one is what `snap revert` is for.
      const next = rev && (rev.revision > inst.current.revision || channel !== inst.channel) ? storeRevision(rev) : null;
      return model.refresh(loaded.state, name, next ?? (channel !== inst.channel ? inst.current : null), await currentDeclaration(tx, snap.id), {
        ...input,
        channel,
      });
    },
    undefined,
    opts.auto ? `Auto-refresh snap "${name}"` : undefined,
  );
}

/**
 * The simulated auto-refresh (snapd's refresh timer): every snap whose tracked channel has a newer
 * revision is refreshed, one change each, except devmode snaps, which never refresh by
 * themselves. `snap refresh` without a name does the same.
 */
export async function autoRefresh(db: Db, actor: Actor, deviceId: string) {
  const { device, state } = await deviceState(db, actor, deviceId);
  const refreshed: { name: string; output: string; notes: string[] }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const inst of state.snaps) {
    const name = inst.current.name;
    if (!model.autoRefreshes(inst)) {
      skipped.push({ name, reason: "devmode snaps are not refreshed automatically" });
      continue;
    }
    const snap = await db.snap.findUnique({ where: { name }, select: { id: true, name: true } });
    const rev = snap ? await candidate(db, snap, inst.channel, device.architecture) : null;
    if (!rev || rev.revision <= inst.current.revision) continue;
    try {
      const r = await refreshSnap(db, actor, deviceId, name, {}, { auto: true });
      refreshed.push({ name, output: r.output, notes: r.notes });
    } catch (err) {
      // A revision that now needs --classic or --devmode waits for a manual refresh, as in snapd.
      if (err instanceof AppError && err.code === "snapd-refused") skipped.push({ name, reason: err.message });
      else throw err;
    }
  }
  await db.device.updateMany({ where: { id: device.id, ownerId: actor.id }, data: { lastAutoRefreshAt: new Date() } });
  return { refreshed, skipped };
}

/** snapd refreshes about four times a day: a device is due six hours after its last auto-refresh. */
export const AUTO_REFRESH_INTERVAL_MS = 6 * 3_600_000;

/** Runs the auto-refresh of the actor's devices that are due (the devices page calls it on load). */
export async function runDueAutoRefreshes(db: Db, actor: Actor, now = new Date()) {
  const due = await db.device.findMany({
    where: { ownerId: actor.id, OR: [{ lastAutoRefreshAt: null }, { lastAutoRefreshAt: { lt: new Date(now.getTime() - AUTO_REFRESH_INTERVAL_MS) } }] },
    select: { id: true },
  });
  const out: Record<string, Awaited<ReturnType<typeof autoRefresh>>> = {};
  for (const d of due) out[d.id] = await autoRefresh(db, actor, d.id);
  return out;
}

export function revertSnap(db: Db, actor: Actor, deviceId: string, name: string) {
  return operate(db, actor, deviceId, "revert-snap", name, async (_tx, loaded) => model.revert(loaded.state, name));
}

export function switchSnap(db: Db, actor: Actor, deviceId: string, name: string, channel: string) {
  return operate(db, actor, deviceId, "switch-snap", name, async (tx, loaded) => {
    const inst = loaded.state.snaps.find((s) => s.current.name === name);
    if (!inst) return model.switchChannel(loaded.state, name, channel);
    const snap = await storeSnap(tx, name);
    return model.switchChannel(loaded.state, name, canonicalChannel(channel, snap.defaultTrack));
  });
}

export function removeSnap(db: Db, actor: Actor, deviceId: string, name: string) {
  return operate(db, actor, deviceId, "remove-snap", name, async (_tx, loaded) => model.remove(loaded.state, name));
}

export function connectPlug(db: Db, actor: Actor, deviceId: string, plug: string, slot?: string) {
  return operate(db, actor, deviceId, "connect-snap", model.parseEndpoint(plug).snap, async (_tx, loaded) => model.connect(loaded.state, plug, slot), {
    plug,
    slot,
  });
}

export function disconnectPlug(db: Db, actor: Actor, deviceId: string, plug: string, slot?: string) {
  return operate(db, actor, deviceId, "disconnect-snap", model.parseEndpoint(plug).snap, async (_tx, loaded) => model.disconnect(loaded.state, plug, slot), {
    plug,
    slot,
  });
}

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

export async function deviceState(db: Db, actor: Actor, deviceId: string) {
  const device = await ownedDevice(db, actor, deviceId);
  const loaded = await loadState(db, device);
  return { device, state: loaded.state };
}

export async function deviceSnaps(db: Db, actor: Actor, deviceId: string) {
  return listRows((await deviceState(db, actor, deviceId)).state);
}

export async function deviceConnections(db: Db, actor: Actor, deviceId: string, snap?: string) {
  const { state } = await deviceState(db, actor, deviceId);
  return connectionRows(state, snap, true).map((r) => ({ interface: r.interface, plug: r.plug, slot: r.slot, manual: r.manual }));
}

export async function deviceChanges(db: Db, actor: Actor, deviceId: string): Promise<ChangeRow[]> {
  await ownedDevice(db, actor, deviceId);
  const rows = await db.deviceChange.findMany({ where: { deviceId }, orderBy: { seq: "asc" } });
  return rows.map((c) => ({ id: c.seq, status: c.status as ChangeRow["status"], spawnedAt: c.spawnedAt, readyAt: c.readyAt, summary: c.summary }));
}

/** The text of `snap list|connections|changes|info --verbose` on this device. */
export async function deviceView(db: Db, actor: Actor, deviceId: string, view: "list" | "connections" | "changes" | "info", name?: string, verbose = true) {
  if (view === "changes") return snapChanges(await deviceChanges(db, actor, deviceId), new Date());
  const { state, device } = await deviceState(db, actor, deviceId);
  if (view === "list") return snapList(state, name ? [name] : []);
  if (view === "connections") return snapConnections(state, name);
  if (!name) return { stdout: "", stderr: 'error: no snap found for ""\n' };
  return infoView(db, actor, device, state, name, verbose);
}

/**
 * `snap info --verbose NAME`: the device's install (snapd's /v2/snaps/NAME) and what the store
 * answers for the device's architecture (/v2/find?name=NAME: nothing for a snap with no release
 * there, or a private snap the actor does not publish).
 */
async function infoView(db: Db, actor: Actor, device: { architecture: string; id: string }, state: DeviceState, name: string, verbose: boolean) {
  const inst = state.snaps.find((s) => s.current.name === name);
  const snap = await db.snap.findUnique({ where: { name }, include: { owner: true } });
  if (!snap) return { stdout: "", stderr: `error: no snap found for "${name}"\n` };
  const rows = (await releaseRows(db, snap.id)).filter((r) => r.architecture === device.architecture || r.architecture === "all");
  const released = await db.release.findMany({
    where: { snapId: snap.id, branch: "", revisionId: { not: null }, architecture: { in: [device.architecture, "all"] } },
    include: { revision: true },
  });
  const channels: Record<string, InfoChannelRelease> = {};
  for (const r of released) {
    if (!r.revision) continue;
    channels[`${r.track}/${r.risk}`] = {
      version: r.revision.version ?? "",
      revision: r.revision.revision,
      confinement: r.revision.confinement ?? "strict",
      size: Number(r.revision.size),
      releasedAt: r.releasedAt,
    };
  }
  const tracks = [...new Set(Object.keys(channels).map((c) => c.split("/")[0]))].sort((a, b) => (a === "latest" ? -1 : b === "latest" ? 1 : a < b ? -1 : 1));
  const visible = !snap.private || snap.owner.userId === actor.id;
  const byRisk = (t: string) => RISKS.map((r) => channels[`${t}/${r}`]).find(Boolean);
  const shown = byRisk(snap.defaultTrack ?? "latest") ?? tracks.map(byRisk).find(Boolean);
  const shownRev = shown ? await db.revision.findUnique({ where: { snapId_revision: { snapId: snap.id, revision: shown.revision } } }) : null;
  // The listing as the store shows it (saved fields, else that revision's snap.yaml).
  const listing = (rev: { type: string | null; base: string | null; confinement: string | null; meta: unknown } | null, withApps: boolean): InfoSnap => {
    const l = effectiveListing(snap, rev?.meta).values;
    return {
      name,
      snapId: snap.snapId,
      summary: l.summary ?? "",
      description: l.description ?? "",
      license: l.license ?? undefined,
      contact: l.contact ?? undefined,
      publisher: { id: snap.owner.id, username: snap.owner.username, displayName: snap.owner.displayName, validation: snap.owner.validation },
      private: snap.private,
      confinement: rev?.confinement ?? "strict",
      type: rev?.type ?? undefined,
      base: rev?.base ?? undefined,
      apps: withApps ? ((rev?.meta as Partial<SnapMeta> | null)?.apps ?? []).map((a) => ({ name: a.name, daemon: a.daemon })) : [],
    };
  };
  // The store's answer has no apps (snapd's find results carry none).
  const remote: InfoRemote | null = visible && shownRev && rows.length ? { ...listing(shownRev, false), tracks, channels } : null;
  let local: InfoLocal | null = null;
  if (inst) {
    const ds = await db.deviceSnap.findFirst({ where: { deviceId: device.id, snapId: snap.id }, include: { revision: true } });
    local = {
      ...listing(ds?.revision ?? null, true),
      version: inst.current.version,
      revision: inst.current.revision,
      mode: inst.mode,
      tracking: inst.channel,
      installDate: ds?.refreshedAt,
      installedSize: Number(ds?.revision.size ?? 0),
    };
  }
  if (!local && !remote) return { stdout: "", stderr: `error: no snap found for "${name}"\n` };
  return snapInfo(local, remote, new Date(), verbose);
}

// ---------------------------------------------------------------------------------------------
// The terminal
// ---------------------------------------------------------------------------------------------

/** Runs one parsed `snap` command on the device and returns what snap prints (errors included). */
export async function runSnapCommand(db: Db, actor: Actor, deviceId: string, command: Command): Promise<{ stdout: string; stderr: string }> {
  const printed = (r: OperationResult) => ({ stdout: r.output ? `${r.output}\n` : "", stderr: "" });
  try {
    switch (command.cmd) {
      case "help":
        await ownedDevice(db, actor, deviceId);
        return { stdout: `${HELP_TEXT}\n`, stderr: "" };
      case "list":
        return await deviceView(db, actor, deviceId, "list", command.names[0]);
      case "connections": {
        if (command.all) {
          const { state } = await deviceState(db, actor, deviceId);
          return snapConnections(state, undefined, true);
        }
        return await deviceView(db, actor, deviceId, "connections", command.name);
      }
      case "info":
        return await deviceView(db, actor, deviceId, "info", command.name, command.verbose);
      case "changes":
        return await deviceView(db, actor, deviceId, "changes");
      case "install":
        return printed(await installSnap(db, actor, deviceId, command));
      case "refresh": {
        if (command.name) return printed(await refreshSnap(db, actor, deviceId, command.name, command));
        const r = await autoRefresh(db, actor, deviceId);
        return { stdout: r.refreshed.length ? r.refreshed.map((x) => `${x.output}\n`).join("") : "All snaps up to date.\n", stderr: "" };
      }
      case "revert":
        return printed(await revertSnap(db, actor, deviceId, command.name));
      case "switch":
        return printed(await switchSnap(db, actor, deviceId, command.name, command.channel));
      case "remove":
        return printed(await removeSnap(db, actor, deviceId, command.name));
      case "connect":
        return printed(await connectPlug(db, actor, deviceId, command.plug, command.slot));
      case "disconnect":
        return printed(await disconnectPlug(db, actor, deviceId, command.plug, command.slot));
    }
  } catch (err) {
    // Another user's device stays a refusal, not terminal output.
    if (err instanceof AppError && err.code !== "device-not-found") {
      const cli = typeof err.details?.cli === "string" ? err.details.cli : err.message;
      if (err.details?.kind === "snap-no-update-available") return { stdout: "", stderr: `${cli}\n` };
      // snap re-wraps these long explanations to the terminal width (fill); other errors print as they are.
      const kind = String(err.details?.kind ?? "");
      return { stdout: "", stderr: kind === "snap-needs-classic" || kind === "snap-needs-devmode" ? `error: ${fill(cli)}\n` : errorText(cli) };
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Publisher metrics
// ---------------------------------------------------------------------------------------------

/** installed_base_by_* of one of the actor's snaps over the last `days` days (owner or admin), from the install history. */
export async function snapInstallMetrics(db: Db, actor: Actor, name: string, dimension: MetricDimension, days = 30, end = new Date()) {
  const snap = await ownedSnap(db, actor, name);
  const window = Math.min(Math.max(days, 1), 365);
  const endDay = Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), end.getUTCDate());
  const spans = await db.deviceSnapSpan.findMany({
    where: {
      snapId: snap.id,
      from: { lt: new Date(endDay + 86_400_000) },
      OR: [{ until: null }, { until: { gt: new Date(endDay - (window - 1) * 86_400_000) } }],
    },
    select: { deviceId: true, from: true, until: true, channel: true, version: true, architecture: true, system: true },
  });
  return installedBase(spans, dimension, end, window);
}
