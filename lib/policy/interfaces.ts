/**
 * Known snapd interfaces and what their base-declaration policy means, computed from the rules in
 * base-declaration.ts by the evaluator (declaration.ts), never stated twice. Pure.
 */
import type { PlugOrSlot } from "../snap/snap-yaml";
import { BASE_DECLARATION_257, NEWER_INTERFACES, type InterfacePolicy } from "./base-declaration";
import { BASE_DECLARATION, BASE_DECLARATION_WITH_NEWER, canAutoConnect, canInstall, canInstallSlot, type DeviceContext, type SlotSide } from "./declaration";
import type { PolicySnapType } from "./rules";

export type { PolicySnapType } from "./rules";

/**
 * - yes: auto-connected at install on classic and Core systems (subject to `autoConnectUnless`)
 * - no: users connect it manually (`snap connect`), or the store grants auto-connection
 * - classic-only: auto-connected on classic (desktop) systems only, not on Ubuntu Core
 * - same-publisher: auto-connects only when plug and slot snaps share a publisher (content, posix-mq)
 */
export type AutoConnect = "yes" | "no" | "classic-only" | "same-publisher";

export interface AutoConnectException {
  /** Plug attribute that, when it has `value`, blocks auto-connection. */
  attribute: string;
  value: string | boolean;
  note: string;
}

export interface InterfaceInfo {
  name: string;
  /** Short human description, e.g. "access to cameras" (= summary). */
  description: string;
  summary: string;
  /** Whether snapd 2.57.6 knows it (false: only later snapd does; 2.57 drops such plugs and slots). */
  knownTo257: boolean;
  autoConnect: AutoConnect;
  /** Auto-connection of a plain plug to the usual slot, per kind of system (see interfaceSummaries). */
  autoConnectOn: { classic: boolean; core: boolean };
  autoConnectUnless?: AutoConnectException[];
  /** Using it needs a snap-declaration: installing a plug of it, or any snap providing its slot, is denied. */
  superPrivileged: boolean;
  /** personal-files / system-files: reserved, each use needs its own declaration (and review). */
  reserved?: boolean;
  /** Snap types the base declaration lets provide (install) a slot of this interface. */
  slotSnapTypes: PolicySnapType[];
  /** Systems where snapd itself provides a slot of it. */
  systemSlot: ("classic" | "core")[];
}

export const RESERVED_INTERFACES = ["personal-files", "system-files"] as const;

const PLUG_PUBLISHER = "plug-publisher";
const SLOT_PUBLISHER = "slot-publisher";

function plugOf(name: string): PlugOrSlot {
  return { name, interface: name, attributes: {}, apps: [], hooks: [], implicit: false };
}

/**
 * The slot a plain plug of `name` meets on a system of this kind: snapd's own slot where snapd
 * provides one, otherwise a slot on an app snap of another publisher.
 */
export function usualSlot(name: string, policy: InterfacePolicy, system: "classic" | "core", samePublisher = false): SlotSide {
  if (policy.systemSlot?.includes(system)) return { slot: plugOf(name), snapType: "snapd", decl: {}, publisherId: "canonical" };
  return { slot: plugOf(name), snapType: "app", decl: {}, publisherId: samePublisher ? PLUG_PUBLISHER : SLOT_PUBLISHER };
}

function autoConnects(name: string, policy: InterfacePolicy, system: "classic" | "core", base: typeof BASE_DECLARATION, samePublisher = false): boolean {
  const device: DeviceContext = { classic: system === "classic" };
  return canAutoConnect(plugOf(name), {}, usualSlot(name, policy, system, samePublisher), {
    classicSystem: device.classic,
    device,
    plugSnapType: "app",
    plugPublisherId: PLUG_PUBLISHER,
    baseDeclaration: base,
  }).allowed;
}

const SLOT_TYPES: PolicySnapType[] = ["app", "gadget", "kernel", "core"];

function superPrivileged(name: string, base: typeof BASE_DECLARATION): boolean {
  if (!canInstall(plugOf(name), undefined, { snapType: "app", baseDeclaration: base }).allowed) return true;
  return SLOT_TYPES.every((t) => !canInstallSlot(plugOf(name), undefined, { snapType: t, baseDeclaration: base }).allowed);
}

/** Scalar plug-attribute conditions of the slot's deny-auto-connection (browser-support's allow-sandbox: true …). */
function unlessOf(policy: InterfacePolicy): AutoConnectException[] | undefined {
  const deny = policy.slots?.["deny-auto-connection"];
  const alts = Array.isArray(deny) ? deny : deny && typeof deny === "object" ? [deny] : [];
  const out: AutoConnectException[] = [];
  for (const alt of alts) {
    const attrs = alt["plug-attributes"];
    if (!attrs || Array.isArray(attrs) || Object.keys(alt).length !== 1) continue;
    for (const [attribute, v] of Object.entries(attrs)) {
      if (typeof v !== "string" && typeof v !== "boolean") continue;
      const value = v === "true" ? true : v === "false" ? false : v;
      out.push({ attribute, value, note: `${attribute}: ${String(value)} is not auto-connected` });
    }
  }
  return out.length ? out : undefined;
}

function slotTypesOf(name: string, base: typeof BASE_DECLARATION): PolicySnapType[] {
  return SLOT_TYPES.filter((t) => canInstallSlot(plugOf(name), undefined, { snapType: t, baseDeclaration: base }).allowed);
}

function infoOf(name: string, policy: InterfacePolicy, knownTo257: boolean): InterfaceInfo {
  const base = knownTo257 ? BASE_DECLARATION : BASE_DECLARATION_WITH_NEWER;
  const on = { classic: autoConnects(name, policy, "classic", base), core: autoConnects(name, policy, "core", base) };
  let autoConnect: AutoConnect = on.classic && on.core ? "yes" : on.classic ? "classic-only" : "no";
  if (autoConnect === "no" && autoConnects(name, policy, "classic", base, true)) autoConnect = "same-publisher";
  const info: InterfaceInfo = {
    name,
    description: policy.summary,
    summary: policy.summary,
    knownTo257,
    autoConnect,
    autoConnectOn: on,
    superPrivileged: superPrivileged(name, base),
    slotSnapTypes: slotTypesOf(name, base),
    systemSlot: [...(policy.systemSlot ?? [])],
  };
  const unless = unlessOf(policy);
  if (unless) info.autoConnectUnless = unless;
  if ((RESERVED_INTERFACES as readonly string[]).includes(name)) info.reserved = true;
  return info;
}

function buildTable(): Record<string, InterfaceInfo> {
  const out: Record<string, InterfaceInfo> = {};
  for (const [name, p] of Object.entries(BASE_DECLARATION_257)) out[name] = infoOf(name, p, true);
  for (const [name, p] of Object.entries(NEWER_INTERFACES)) if (!out[name]) out[name] = infoOf(name, p, false);
  return out;
}

/** Every known interface (snapd 2.57's and later ones we list), by name. */
export const INTERFACES: Readonly<Record<string, InterfaceInfo>> = Object.freeze(buildTable());

export function getInterface(name: string): InterfaceInfo | undefined {
  return Object.prototype.hasOwnProperty.call(INTERFACES, name) ? INTERFACES[name] : undefined;
}

/** Whether snapd 2.57.6 knows the interface (it drops plugs and slots of any other). */
export function isKnownTo257(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BASE_DECLARATION_257, name);
}

export function isReservedInterface(name: string): boolean {
  return (RESERVED_INTERFACES as readonly string[]).includes(name);
}

/** "camera: access to cameras" (or "foo: unknown interface"). */
export function describeInterface(name: string): string {
  const i = getInterface(name);
  return `${name}: ${i ? i.description : "unknown interface"}`;
}

export interface InterfaceSummary {
  name: string;
  summary: string;
  "auto-connect": { classic: boolean; core: boolean };
  "super-privileged": boolean;
}

/**
 * For every interface we know (sorted by name), what GET /api/v1/interfaces serves. Computed from
 * the base declaration:
 * - auto-connect.classic / .core: a plug named like the interface, without attributes, on an app
 *   snap with a snap-declaration that grants nothing, auto-connects on that kind of system to the
 *   usual slot: snapd's own slot where snapd provides one there, else a slot on an app snap of
 *   another publisher (so content, which needs the same publisher, says false);
 * - super-privileged: installing an app snap with such a plug is denied, or no snap of any type
 *   may provide its slot, without a snap-declaration.
 */
export function interfaceSummaries(): InterfaceSummary[] {
  return Object.values(INTERFACES)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((i) => ({ name: i.name, summary: i.summary, "auto-connect": { ...i.autoConnectOn }, "super-privileged": i.superPrivileged }));
}

export interface InterfaceFilter {
  /** Words matched against the name and the summary (all must match, case-insensitive). */
  q?: string;
  /** Only interfaces that auto-connect on this kind of system ("none": on neither). */
  autoConnect?: "classic" | "core" | "none";
  superPrivileged?: boolean;
}

/** The supported-interfaces page's filter over interfaceSummaries(). */
export function filterInterfaceSummaries(list: InterfaceSummary[], f: InterfaceFilter): InterfaceSummary[] {
  const words = (f.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((i) => {
    const text = `${i.name} ${i.summary}`.toLowerCase();
    if (!words.every((w) => text.includes(w))) return false;
    if (f.autoConnect === "none" && (i["auto-connect"].classic || i["auto-connect"].core)) return false;
    if ((f.autoConnect === "classic" || f.autoConnect === "core") && !i["auto-connect"][f.autoConnect]) return false;
    if (f.superPrivileged !== undefined && i["super-privileged"] !== f.superPrivileged) return false;
    return true;
  });
}
