/**
 * What snapd's commands print for a device: `snap list`, `snap connections [NAME]`, `snap info
 * --verbose NAME` (info.ts), `snap changes`, laid out by Go's tabwriter as snap does (tabwriter.ts). Pure.
 */
import { endpoint, isLive, shortPublisher, type Connection, type DeviceState, type InstalledSnap } from "./model";
import { tabwrite } from "./tabwriter";

/** One `snap list` row (also the JSON of GET /api/v1/devices/{id}/snaps). */
export interface ListRow {
  name: string;
  version: string;
  rev: string;
  tracking: string;
  publisher: string;
  notes: string;
}

/** snapd's Notes column order: disabled, devmode, jailmode, classic (then private, try, broken). */
export function snapNotes(s: Pick<InstalledSnap, "mode">, extra: { disabled?: boolean; private?: boolean } = {}): string {
  const ns: string[] = [];
  if (extra.disabled) ns.push("disabled");
  if (s.mode === "devmode") ns.push("devmode");
  if (s.mode === "jailmode") ns.push("jailmode");
  if (s.mode === "classic") ns.push("classic");
  if (extra.private) ns.push("private");
  return ns.length ? ns.join(",") : "-";
}

export function listRows(state: DeviceState): ListRow[] {
  return [...state.snaps]
    .sort((a, b) => (a.current.name < b.current.name ? -1 : a.current.name > b.current.name ? 1 : 0))
    .map((s) => ({
      name: s.current.name,
      version: s.current.version,
      rev: String(s.current.revision),
      tracking: s.channel,
      publisher: shortPublisher(s.current.publisher),
      notes: snapNotes(s),
    }));
}

/** `snap list`, or snapd's message when nothing is installed (printed on stderr). */
export function snapList(state: DeviceState, names: string[] = []): { stdout: string; stderr: string } {
  let rows = listRows(state);
  if (rows.length === 0) return { stdout: "", stderr: 'No snaps are installed yet. Try "snap install hello-world".\n' };
  if (names.length) {
    rows = rows.filter((r) => names.includes(r.name));
    if (rows.length === 0) return { stdout: "", stderr: "error: no matching snaps installed\n" };
  }
  const text =
    ["Name\tVersion\tRev\tTracking\tPublisher\tNotes", ...rows.map((r) => [r.name, r.version, r.rev, r.tracking, r.publisher, r.notes].join("\t"))].join("\n") +
    "\n";
  return { stdout: tabwrite(text), stderr: "" };
}

/** One `snap connections` row (also the JSON of GET /api/v1/devices/{id}/connections). */
export interface ConnectionRow {
  interface: string;
  plug: string;
  slot: string;
  notes: string;
  manual: boolean;
}

const byRow = (a: ConnectionRow, b: ConnectionRow) =>
  a.interface !== b.interface
    ? a.interface < b.interface
      ? -1
      : 1
    : a.plug !== b.plug
      ? a.plug < b.plug
        ? -1
        : 1
      : a.slot < b.slot
        ? -1
        : a.slot > b.slot
          ? 1
          : 0;

/**
 * The rows of `snap connections [NAME]`: established connections; with a name (or all=true) also
 * that snap's unconnected plugs (`-` slot) and unconnected slots of non-system snaps (`-` plug).
 * Sorted by interface, plug, slot, as snapd does.
 */
export function connectionRows(state: DeviceState, name?: string, all = false): ConnectionRow[] {
  // Dormant manual connections (their plug or slot is gone in this revision) are not listed.
  const live = state.connections.filter((c) => isLive(state, c));
  const rows: ConnectionRow[] = [];
  const involves = (c: Connection) => !name || c.plugSnap === name || c.slotSnap === name;
  for (const c of live) {
    if (!involves(c)) continue;
    rows.push({
      interface: c.interface,
      plug: endpoint(c.plugSnap, c.plug),
      slot: endpoint(c.slotSnap, c.slot),
      notes: c.manual ? "manual" : "-",
      manual: c.manual,
    });
  }
  if (name || all) {
    for (const s of state.snaps) {
      if (name && s.current.name !== name) continue;
      for (const p of s.current.plugs) {
        if (live.some((c) => c.plugSnap === s.current.name && c.plug === p.name)) continue;
        rows.push({ interface: p.interface, plug: endpoint(s.current.name, p.name), slot: "-", notes: "-", manual: false });
      }
      for (const sl of s.current.slots) {
        if (live.some((c) => c.slotSnap === s.current.name && c.slot === sl.name)) continue;
        rows.push({ interface: sl.interface, plug: "-", slot: endpoint(s.current.name, sl.name), notes: "-", manual: false });
      }
    }
  }
  return rows.sort(byRow);
}

export function snapConnections(state: DeviceState, name?: string, all = false): { stdout: string; stderr: string } {
  if (name && !state.snaps.some((s) => s.current.name === name)) return { stdout: "", stderr: `error: snap "${name}" not found\n` };
  const rows = connectionRows(state, name, all);
  if (rows.length === 0) return { stdout: "", stderr: "" };
  const text = ["Interface\tPlug\tSlot\tNotes", ...rows.map((r) => [r.interface, r.plug, r.slot, r.notes].join("\t"))].join("\n") + "\n";
  return { stdout: tabwrite(text), stderr: "" };
}

// ---------------------------------------------------------------------------------------------
// Times as snap prints them (timeutil.Human, in UTC)
// ---------------------------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");
const hm = (d: Date) => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const dayNumber = (d: Date) => Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 86_400_000);

/** "today at 15:04 UTC", "yesterday at …", "3 days ago, at …", "in 2 days, at …", else the date (60-day cut-off). */
export function humanTime(then: Date, now: Date): string {
  const d = dayNumber(now) - dayNumber(then);
  if (d < -60 || d > 60) return ymd(then);
  if (d < -1) return `in ${-d} days, at ${hm(then)}`;
  if (d === -1) return `tomorrow at ${hm(then)}`;
  if (d === 0) return `today at ${hm(then)}`;
  if (d === 1) return `yesterday at ${hm(then)}`;
  return `${d} days ago, at ${hm(then)}`;
}

export interface ChangeRow {
  id: number;
  status: "Do" | "Doing" | "Done" | "Error" | "Undone" | "Hold" | "Abort";
  spawnedAt: Date;
  readyAt: Date | null;
  summary: string;
}

/** `snap changes`, or snapd's message when there are none. */
export function snapChanges(changes: ChangeRow[], now: Date): { stdout: string; stderr: string } {
  if (changes.length === 0) return { stdout: "", stderr: "no changes found\n" };
  const rows = [...changes].sort((a, b) => a.id - b.id);
  const text =
    [
      "ID\tStatus\tSpawn\tReady\tSummary",
      ...rows.map((c) => [String(c.id), c.status, humanTime(c.spawnedAt, now), c.readyAt ? humanTime(c.readyAt, now) : "-", c.summary].join("\t")),
    ].join("\n") + "\n";
  // snap changes ends its table with an empty line.
  return { stdout: tabwrite(text) + "\n", stderr: "" };
}
