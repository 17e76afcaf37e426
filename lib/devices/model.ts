/**
 * A simulated snapd device: install, refresh, revert, switch, remove, connect and disconnect, with
 * snapd's checks and messages, and the interface policy of lib/policy deciding every connection.
 * Pure: the caller passes the device's state and the store's facts (the revision a channel
 * resolves to, the snap's current declaration) and writes back what an operation returns.
 *
 * Seed rules beyond snapd (docs/domain.md, "upgrade rules"):
 * - each installed revision remembers the snap-declaration revision it came with; on refresh a
 *   plug that auto-connects only because of a newer declaration revision stays disconnected;
 * - a refresh from classic to strict confinement makes no automatic connections;
 * - a connection the user removed is remembered as undesired and never auto-connected again.
 */
import type { PlugOrSlot, SnapType } from "../snap/snap-yaml";
import { canAutoConnect, canConnect, canInstall, type Decision, type DeviceContext, type SnapDeclaration, type SlotSide } from "../policy/declaration";
import { getInterface } from "../policy/interfaces";

export type Confinement = "strict" | "classic" | "devmode";
/** How snapd runs an installed snap (`snap list` Notes). */
export type InstallMode = "strict" | "classic" | "devmode" | "jailmode";
export type Validation = "unproven" | "verified" | "starred";

export interface Publisher {
  id: string;
  username: string;
  displayName: string;
  validation: Validation;
}

/** One store revision as a device sees it (from the channel map). */
export interface StoreRevision {
  name: string;
  snapId: string;
  publisher: Publisher;
  revision: number;
  version: string;
  confinement: Confinement;
  type?: SnapType;
  summary?: string;
  plugs: PlugOrSlot[];
  slots: PlugOrSlot[];
}

/** The snap's snap-declaration as the store has it now (revision 0 = none issued). */
export interface StoreDeclaration {
  revision: number;
  rules: SnapDeclaration;
}

export interface InstalledSnap {
  current: StoreRevision;
  /** The revision before the last refresh (what `snap revert` goes back to). */
  previous?: StoreRevision;
  /** Canonical channel name the snap tracks ("latest/stable"). */
  channel: string;
  mode: InstallMode;
  /** The snap-declaration (revision and rules) the current revision came with. */
  declaration: StoreDeclaration;
  previousDeclaration?: StoreDeclaration;
}

export interface Connection {
  interface: string;
  plugSnap: string;
  plug: string;
  /** "snapd" for the system's own slots (printed `:name`). */
  slotSnap: string;
  slot: string;
  manual: boolean;
  /** Removed by the user: remembered so it is never auto-connected again. */
  undesired: boolean;
}

export interface DeviceState {
  classic: boolean;
  architecture: string;
  snaps: InstalledSnap[];
  connections: Connection[];
}

export const SYSTEM_SNAP = "snapd";

/**
 * An operation's failure: `message` is what the daemon says (the API's error-list), `cli` what the
 * `snap` command prints after "error: " (the terminal), `kind` snapd's error kind.
 */
export interface DeviceError {
  kind: string;
  message: string;
  cli: string;
  /** The policy decision behind a refusal, when there is one. */
  decision?: Decision;
}

export interface Outcome {
  state: DeviceState;
  /** What the `snap` command prints on success ("" when it prints nothing). */
  output: string;
  /** snapd's change summary (`snap changes`), e.g. `Install "hello" snap`. */
  summary: string;
  /** Plugs an operation left disconnected on purpose, with why (shown to the user). */
  notes: string[];
}

export type Result = { ok: true; value: Outcome } | { ok: false; error: DeviceError };

const fail = (kind: string, message: string, cli = message, decision?: Decision): Result => ({ ok: false, error: { kind, message, cli, decision } });

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/** The CLI's text for snap-needs-classic (cmd/snap/error.go, snapd 2.57). */
export function needsClassicText(name: string): string {
  return [
    `This revision of snap "${name}" was published using classic confinement and thus may`,
    "perform arbitrary system changes outside of the security sandbox that snaps are",
    "usually confined to, which may put your system at risk.",
    "",
    "If you understand and want to proceed repeat the command including --classic.",
  ].join("\n");
}

/** The CLI's text for snap-needs-devmode. */
export function needsDevmodeText(name: string): string {
  return [
    `The publisher of snap "${name}" has indicated that they do not consider this revision`,
    "to be of production quality and that it is only meant for development or testing",
    "at this point. As a consequence this snap will not refresh automatically and may",
    "perform arbitrary system changes outside of the security sandbox snaps are",
    "generally confined to, which may put your system at risk.",
    "",
    "If you understand and want to proceed repeat the command including --devmode;",
    "if instead you want to install the snap forcing it into strict confinement",
    "repeat the command including --jailmode.",
  ].join("\n");
}

/** `snap list`/`snap info` publisher: "Canonical✓", or "Display Name (username)" when they differ. */
export function publisherText(p: Publisher): string {
  const mark = p.validation === "verified" ? "✓" : p.validation === "starred" ? "✪" : "";
  const name = p.displayName && p.displayName.toLowerCase() !== p.username.toLowerCase() ? `${p.displayName} (${p.username})` : p.displayName || p.username;
  return `${name}${mark}`;
}

/** `snap list` short form: the username plus the mark. */
export function shortPublisher(p: Publisher): string {
  return `${p.username}${p.validation === "verified" ? "✓" : p.validation === "starred" ? "✪" : ""}`;
}

/** `(beta)` after the name when the channel is not latest/stable, as `snap install` prints it. */
function channelSuffix(channel: string): string {
  if (channel === "latest/stable" || channel === "stable") return "";
  return ` (${channel.startsWith("latest/") ? channel.slice("latest/".length) : channel})`;
}

export function endpoint(snap: string, name: string): string {
  return snap === SYSTEM_SNAP || snap === "core" || snap === "system" ? `:${name}` : `${snap}:${name}`;
}

// ---------------------------------------------------------------------------------------------
// Policy on a device
// ---------------------------------------------------------------------------------------------

function deviceContext(state: DeviceState): DeviceContext {
  return { classic: state.classic };
}

interface SlotCandidate {
  snap: string;
  slot: PlugOrSlot;
  side: SlotSide;
}

function systemSlot(iface: string): PlugOrSlot {
  return { name: iface, interface: iface, attributes: {}, apps: [], hooks: [], implicit: true };
}

/** The slots a plug could connect to on this device: the system's own, then other snaps'. */
function slotCandidates(state: DeviceState, plugSnap: string, plug: PlugOrSlot): SlotCandidate[] {
  const out: SlotCandidate[] = [];
  const info = getInterface(plug.interface);
  if (info?.systemSlot.includes(state.classic ? "classic" : "core")) {
    const slot = systemSlot(plug.interface);
    out.push({ snap: SYSTEM_SNAP, slot, side: { slot, snapType: "snapd", decl: {} } });
  }
  for (const s of state.snaps) {
    if (s.current.name === plugSnap || s.mode === "classic") continue;
    for (const slot of s.current.slots) {
      if (slot.interface !== plug.interface) continue;
      out.push({
        snap: s.current.name,
        slot,
        side: { slot, decl: s.declaration.rules, snapType: s.current.type ?? "app", publisherId: s.current.publisher.id, snapId: s.current.snapId },
      });
    }
  }
  return out;
}

function decide(
  kind: "connection" | "auto-connection",
  state: DeviceState,
  snap: StoreRevision,
  decl: SnapDeclaration,
  plug: PlugOrSlot,
  c: SlotCandidate,
): Decision {
  const env = {
    classicSystem: state.classic,
    device: deviceContext(state),
    plugSnapType: snap.type ?? "app",
    plugPublisherId: snap.publisher.id,
    plugSnapId: snap.snapId,
  };
  return kind === "connection" ? canConnect(plug, decl, c.side, env) : canAutoConnect(plug, decl, c.side, env);
}

/** The first slot this plug auto-connects to under `decl`, if any. */
function autoConnectTarget(state: DeviceState, snap: StoreRevision, decl: SnapDeclaration, plug: PlugOrSlot): SlotCandidate | undefined {
  return slotCandidates(state, snap.name, plug).find((c) => decide("auto-connection", state, snap, decl, plug, c).allowed);
}

const sameConn = (a: Pick<Connection, "plugSnap" | "plug" | "slotSnap" | "slot">, b: Pick<Connection, "plugSnap" | "plug" | "slotSnap" | "slot">) =>
  a.plugSnap === b.plugSnap && a.plug === b.plug && a.slotSnap === b.slotSnap && a.slot === b.slot;

/** Whether this plug has a connection row at all (connected, or removed by the user). */
const plugHasRow = (conns: Connection[], snap: string, plug: string) => conns.some((c) => c.plugSnap === snap && c.plug === plug);

/**
 * snapd's reloadConnections (overlord/ifacestate/helpers.go), run by setup-profiles on every
 * install, refresh and revert of `name` to `rev`: a connection whose plug or slot the revision no
 * longer has is deleted when it was automatic ("it will be re-created automatically if needed")
 * and kept when it was made by hand ("e.g. in case of a revert": it is live again once a revision
 * with that plug comes back). Undesired marks always stay.
 */
function reloadConnections(conns: Connection[], name: string, rev: StoreRevision): Connection[] {
  const plugNames = new Set(rev.plugs.map((p) => p.name));
  const slotNames = new Set(rev.slots.map((s) => s.name));
  return conns.filter((c) => {
    if (c.undesired || c.manual) return true;
    return (c.plugSnap !== name || plugNames.has(c.plug)) && (c.slotSnap !== name || slotNames.has(c.slot));
  });
}

/** A connection snapd has in its repository: not undesired, and both ends exist on the device now. */
export function isLive(state: Pick<DeviceState, "snaps">, c: Connection): boolean {
  if (c.undesired) return false;
  const plugSnap = state.snaps.find((s) => s.current.name === c.plugSnap);
  if (!plugSnap?.current.plugs.some((p) => p.name === c.plug)) return false;
  if (c.slotSnap === SYSTEM_SNAP) return true;
  const slotSnap = state.snaps.find((s) => s.current.name === c.slotSnap);
  return !!slotSnap?.current.slots.some((sl) => sl.name === c.slot);
}

/**
 * Auto-connect the plugs of `snap` that have no connection row yet. `previousDecl`: on refresh, the
 * declaration the replaced revision came with; a plug that auto-connects only under the newer one
 * stays disconnected.
 */
function autoConnect(state: DeviceState, inst: InstalledSnap, previousDecl?: StoreDeclaration): { connections: Connection[]; notes: string[] } {
  const conns = [...state.connections];
  const notes: string[] = [];
  const snap = inst.current;
  for (const plug of snap.plugs) {
    if (plugHasRow(conns, snap.name, plug.name)) continue;
    const target = autoConnectTarget(state, snap, inst.declaration.rules, plug);
    if (!target) continue;
    if (previousDecl && previousDecl.revision < inst.declaration.revision && !autoConnectTarget(state, snap, previousDecl.rules, plug)) {
      notes.push(
        `${snap.name}:${plug.name} not connected: it auto-connects only under snap-declaration revision ${inst.declaration.revision}, ` +
          `newer than revision ${previousDecl.revision} the installed revision came with; connect it with "snap connect ${snap.name}:${plug.name}"`,
      );
      continue;
    }
    conns.push({
      interface: plug.interface,
      plugSnap: snap.name,
      plug: plug.name,
      slotSnap: target.snap,
      slot: target.slot.name,
      manual: false,
      undesired: false,
    });
  }
  // Other snaps' plugs that can now use a slot this snap provides (content providers).
  for (const other of state.snaps) {
    if (other.current.name === snap.name || other.mode === "classic") continue;
    for (const plug of other.current.plugs) {
      if (plugHasRow(conns, other.current.name, plug.name)) continue;
      const target = autoConnectTarget({ ...state, connections: conns }, other.current, other.declaration.rules, plug);
      if (target && target.snap === snap.name) {
        conns.push({
          interface: plug.interface,
          plugSnap: other.current.name,
          plug: plug.name,
          slotSnap: snap.name,
          slot: target.slot.name,
          manual: false,
          undesired: false,
        });
      }
    }
  }
  return { connections: conns, notes };
}

/** snapd's policy wording for a refused connection or installation. */
export function policyText(kind: "installation" | "connection" | "auto-connection", d: Decision, iface: string, plugName: string, snapName: string): string {
  const verb = d.subrule?.startsWith("deny-") ? "denied" : "not allowed";
  const side = d.side ?? "plug";
  const context = d.source === "snap-declaration" ? ` for "${snapName}" snap` : "";
  if (kind === "installation") return `installation ${verb} by "${plugName}" ${side} rule of interface "${iface}"${context}`;
  return `${kind} ${verb} by ${side} rule of interface "${iface}"${context}`;
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

export interface InstallFlags {
  classic?: boolean;
  devmode?: boolean;
  jailmode?: boolean;
}

function find(state: DeviceState, name: string): InstalledSnap | undefined {
  return state.snaps.find((s) => s.current.name === name);
}

function notInstalled(name: string): Result {
  return fail("snap-not-installed", `snap "${name}" is not installed`);
}

/** The mode a revision runs in with these flags, or snapd's refusal. */
function modeFor(state: DeviceState, rev: StoreRevision, flags: InstallFlags): { mode: InstallMode; warning?: string } | DeviceError {
  if (rev.confinement === "classic") {
    if (!state.classic) {
      const m = `snap "${rev.name}" requires classic confinement which is only available on classic systems`;
      return { kind: "snap-needs-classic-system", message: m, cli: m };
    }
    if (!flags.classic) return { kind: "snap-needs-classic", message: `snap "${rev.name}" requires classic confinement`, cli: needsClassicText(rev.name) };
    return { mode: "classic" };
  }
  if (rev.confinement === "devmode" && !flags.devmode && !flags.jailmode) {
    return { kind: "snap-needs-devmode", message: `snap "${rev.name}" requires devmode or confinement override`, cli: needsDevmodeText(rev.name) };
  }
  const warning = flags.classic ? `Warning: flag --classic ignored for strictly confined snap ${rev.name}` : undefined;
  if (flags.jailmode) return { mode: "jailmode", warning };
  if (flags.devmode) return { mode: "devmode", warning };
  return { mode: "strict", warning };
}

/** Installation policy of every plug (snapd checks it when mounting the snap). */
function installCheck(state: DeviceState, rev: StoreRevision, decl: StoreDeclaration): DeviceError | null {
  for (const plug of rev.plugs) {
    const d = canInstall(plug, decl.rules, { snapType: rev.type ?? "app", device: deviceContext(state), snapId: rev.snapId });
    if (!d.allowed) {
      const why = policyText("installation", d, plug.interface, plug.name, rev.name);
      return {
        kind: "installation-denied",
        message: `cannot install "${rev.name}": ${why}`,
        cli: `cannot perform the following tasks:\n- Mount snap "${rev.name}" (${rev.revision}) (${why})`,
        decision: d,
      };
    }
  }
  return null;
}

const isDeviceError = (x: unknown): x is DeviceError => typeof x === "object" && x !== null && "kind" in x && "cli" in x;

export function install(state: DeviceState, rev: StoreRevision | null, decl: StoreDeclaration, channel: string, flags: InstallFlags = {}): Result {
  if (!rev) return fail("snap-not-found", `snap not found`);
  if (find(state, rev.name))
    return fail("snap-already-installed", `snap "${rev.name}" is already installed`, `snap "${rev.name}" is already installed, see 'snap help refresh'`);
  const mode = modeFor(state, rev, flags);
  if (isDeviceError(mode)) return { ok: false, error: mode };
  const summary = `Install "${rev.name}" snap`;
  const denied = installCheck(state, rev, decl);
  if (denied) return { ok: false, error: denied };
  const inst: InstalledSnap = { current: rev, channel, mode: mode.mode, declaration: decl };
  const withSnap: DeviceState = { ...state, snaps: [...state.snaps, inst] };
  // Classic snaps run unconfined: snapd makes no connections for them.
  const { connections, notes } = mode.mode === "classic" ? { connections: withSnap.connections, notes: [] } : autoConnect(withSnap, inst);
  const out = `${rev.name}${channelSuffix(channel)} ${rev.version} from ${publisherText(rev.publisher)} installed`;
  return { ok: true, value: { state: { ...withSnap, connections }, output: mode.warning ? `${mode.warning}\n${out}` : out, summary, notes } };
}

/**
 * Refresh to `rev` (what the tracked channel, or `channel` when switching with --channel, resolves
 * to). `flags` as for install: a revision that became classic or devmode needs them again.
 */
export function refresh(
  state: DeviceState,
  name: string,
  rev: StoreRevision | null,
  decl: StoreDeclaration,
  opts: InstallFlags & { channel?: string } = {},
): Result {
  const inst = find(state, name);
  if (!inst) return notInstalled(name);
  const channel = opts.channel ?? inst.channel;
  if (!rev || (rev.revision === inst.current.revision && channel === inst.channel)) {
    return fail("snap-no-update-available", `snap "${name}" has no updates available`);
  }
  if (rev.revision === inst.current.revision) {
    // Only the channel changes: snapd switches without a new revision.
    return switchChannel(state, name, channel);
  }
  // Keep the user's chosen override (devmode/jailmode) across refreshes, as snapd does.
  const flags: InstallFlags = {
    classic: opts.classic || (inst.mode === "classic" && rev.confinement === "classic"),
    devmode: opts.devmode || inst.mode === "devmode",
    jailmode: opts.jailmode || inst.mode === "jailmode",
  };
  const mode = modeFor(state, rev, flags);
  if (isDeviceError(mode)) return { ok: false, error: mode };
  const summary = `Refresh "${name}" snap`;
  const denied = installCheck(state, rev, decl);
  if (denied) return { ok: false, error: denied };
  const next: InstalledSnap = { current: rev, previous: inst.current, channel, mode: mode.mode, declaration: decl, previousDeclaration: inst.declaration };
  const kept = reloadConnections(state.connections, name, rev);
  const base: DeviceState = { ...state, snaps: state.snaps.map((s) => (s === inst ? next : s)), connections: kept };
  const notes: string[] = [];
  let connections = kept;
  if (mode.mode === "classic") {
    // stays unconfined: nothing to connect
  } else if (inst.mode === "classic") {
    notes.push(`${name} changed from classic to strict confinement: no interfaces were connected automatically; connect them with "snap connect"`);
  } else {
    const r = autoConnect(base, next, inst.declaration);
    connections = r.connections;
    notes.push(...r.notes);
  }
  const out = `${name}${channelSuffix(channel)} ${rev.version} from ${publisherText(rev.publisher)} refreshed`;
  return { ok: true, value: { state: { ...base, connections }, output: mode.warning ? `${mode.warning}\n${out}` : out, summary, notes } };
}

/**
 * `snap revert NAME`: back to the revision before the last refresh. snapd reverts through the
 * install path (overlord/snapstate/snapstate.go: RevertToRevision sets flags.Revert, keeps the
 * snap's devmode/jailmode/classic flags and calls doInstall), which skips the refresh hooks and
 * copy-snap-data but still queues setup-profiles (reloadConnections above) and "auto-connect".
 * ifacestate's doAutoConnect has no revert case: every plug and slot of the reverted revision
 * without a connection state (connected or undesired: addNewConnection never clobbers one) is
 * auto-connected under the snap-declaration the device holds now, i.e. the newest it has seen.
 * The project's upgrade rules (a grant newer than the installed revision's declaration; classic
 * to strict) are about upgrades and do not apply to a revert.
 */
export function revert(state: DeviceState, name: string): Result {
  const inst = find(state, name);
  if (!inst) return notInstalled(name);
  if (!inst.previous) return fail("snap-no-revision", `no revision to revert to`, `cannot revert "${name}": no revision to revert to`);
  const back: InstalledSnap = {
    current: inst.previous,
    previous: inst.current,
    channel: inst.channel,
    // A revision that needed --devmode or --classic was installed with it; snapd keeps the flags it had.
    mode: inst.previous.confinement === "classic" ? "classic" : inst.mode === "classic" ? "strict" : inst.mode,
    declaration: inst.previousDeclaration ?? inst.declaration,
    previousDeclaration: inst.declaration,
  };
  const kept = reloadConnections(state.connections, name, back.current);
  const base: DeviceState = { ...state, snaps: state.snaps.map((s) => (s === inst ? back : s)), connections: kept };
  const newest = back.previousDeclaration && back.previousDeclaration.revision > back.declaration.revision ? back.previousDeclaration : back.declaration;
  // Classic snaps run unconfined here: no connections (as at install).
  const connections = back.mode === "classic" ? kept : autoConnect(base, { ...back, declaration: newest }).connections;
  const mode = back.mode === "strict" ? "" : ` (${back.mode})`;
  return {
    ok: true,
    value: {
      state: { ...base, connections },
      output: `${name} reverted to ${back.current.version}${mode}`,
      summary: `Revert "${name}" snap`,
      notes: [],
    },
  };
}

/** `snap switch --channel=CH NAME`: only the tracked channel changes (the next refresh follows it). */
export function switchChannel(state: DeviceState, name: string, channel: string): Result {
  const inst = find(state, name);
  if (!inst) return notInstalled(name);
  const short = channel.startsWith("latest/") ? channel.slice("latest/".length) : channel;
  return {
    ok: true,
    value: {
      state: { ...state, snaps: state.snaps.map((s) => (s === inst ? { ...s, channel } : s)) },
      output: `"${name}" switched to the "${short}" channel`,
      summary: `Switch "${name}" snap to ${channel}`,
      notes: [],
    },
  };
}

/** `snap remove NAME`: the snap and every connection of its plugs and slots go. */
export function remove(state: DeviceState, name: string): Result {
  const inst = find(state, name);
  if (!inst) return notInstalled(name);
  return {
    ok: true,
    value: {
      state: {
        ...state,
        snaps: state.snaps.filter((s) => s !== inst),
        connections: state.connections.filter((c) => c.plugSnap !== name && c.slotSnap !== name),
      },
      output: `${name} removed`,
      summary: `Remove "${name}" snap`,
      notes: [],
    },
  };
}

/** Parse `snap:plug`, `snap`, `:slot` (system) the way snap connect does. */
export function parseEndpoint(s: string): { snap: string; name: string } {
  const i = s.indexOf(":");
  if (i < 0) return { snap: s, name: "" };
  return { snap: s.slice(0, i) || SYSTEM_SNAP, name: s.slice(i + 1) };
}

/**
 * `snap connect PLUG [SLOT]`: SLOT omitted -> the system slot (or the only candidate); refused with
 * the deciding rule when policy denies.
 */
export function connect(state: DeviceState, plugRef: string, slotRef?: string): Result {
  const p = parseEndpoint(plugRef);
  const inst = find(state, p.snap);
  if (!inst) return notInstalled(p.snap);
  const plugName = p.name || "";
  const plug = inst.current.plugs.find((x) => x.name === plugName);
  if (!plug) return fail("interfaces-unchanged", `snap "${p.snap}" has no plug named "${plugName}"`);
  if (inst.mode === "classic") return fail("interfaces-unchanged", `snap "${p.snap}" has classic confinement: its plugs cannot be connected`);
  const candidates = slotCandidates(state, p.snap, plug);
  let target: SlotCandidate | undefined;
  if (slotRef) {
    const s = parseEndpoint(slotRef);
    const snap = s.snap === "core" || s.snap === "system" ? SYSTEM_SNAP : s.snap;
    target = candidates.find((c) => c.snap === snap && (c.slot.name === (s.name || plug.interface) || (!s.name && c.slot.interface === plug.interface)));
    if (!target) {
      if (snap !== SYSTEM_SNAP && !find(state, snap)) return notInstalled(snap);
      return fail("interfaces-unchanged", `snap "${snap}" has no "${plug.interface}" interface slots`);
    }
  } else {
    target = candidates[0];
    if (!target) return fail("interfaces-unchanged", `snap "${SYSTEM_SNAP}" has no "${plug.interface}" interface slots`);
  }
  const conn = { plugSnap: p.snap, plug: plug.name, slotSnap: target.snap, slot: target.slot.name };
  const existing = state.connections.find((c) => sameConn(c, conn) && !c.undesired);
  const coreName = target.snap === SYSTEM_SNAP ? "core" : target.snap;
  const summary = `Connect ${p.snap}:${plug.name} to ${coreName}:${target.slot.name}`;
  if (existing) return { ok: true, value: { state, output: "", summary, notes: [] } };
  const d = decide("connection", state, inst.current, inst.declaration.rules, plug, target);
  if (!d.allowed) {
    const why = policyText("connection", d, plug.interface, plug.name, d.side === "slot" ? target.snap : p.snap);
    return fail("connection-denied", why, `cannot perform the following tasks:\n- ${summary} (${why})`, d);
  }
  const connections = state.connections.filter((c) => !(c.plugSnap === p.snap && c.plug === plug.name && c.undesired));
  connections.push({ interface: plug.interface, ...conn, manual: true, undesired: false });
  return { ok: true, value: { state: { ...state, connections }, output: "", summary, notes: [] } };
}

/** `snap disconnect PLUG [SLOT]`: the connection is remembered as undesired. */
export function disconnect(state: DeviceState, plugRef: string, slotRef?: string): Result {
  const p = parseEndpoint(plugRef);
  if (p.snap !== SYSTEM_SNAP && !find(state, p.snap)) return notInstalled(p.snap);
  const s = slotRef ? parseEndpoint(slotRef) : undefined;
  const matches = state.connections.filter(
    (c) =>
      isLive(state, c) &&
      c.plugSnap === p.snap &&
      (!p.name || c.plug === p.name) &&
      (!s || ((s.snap === "core" || s.snap === "system" ? SYSTEM_SNAP : s.snap) === c.slotSnap && (!s.name || s.name === c.slot))),
  );
  if (matches.length === 0) {
    return fail("interfaces-unchanged", `snap "${p.snap}" has no "${p.name}" interface plugs connected`, `nothing to disconnect`);
  }
  const connections = state.connections.map((c) => (matches.includes(c) ? { ...c, manual: false, undesired: true } : c));
  const m = matches[0];
  const summary = `Disconnect ${m.plugSnap}:${m.plug} from ${m.slotSnap === SYSTEM_SNAP ? "core" : m.slotSnap}:${m.slot}`;
  return { ok: true, value: { state: { ...state, connections }, output: "", summary, notes: [] } };
}

/** Whether the simulated schedule refreshes this snap (devmode snaps never refresh by themselves). */
export function autoRefreshes(inst: Pick<InstalledSnap, "mode">): boolean {
  return inst.mode !== "devmode";
}
