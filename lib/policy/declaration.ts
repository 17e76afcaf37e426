/**
 * Interface policy decisions as snapd 2.57 makes them (interfaces/policy): may a snap with this
 * plug or slot be installed, may this plug connect to this slot, may it auto-connect. Pure: the
 * base declaration is an input (BASE_DECLARATION by default), and so is the device.
 *
 * Which rule decides:
 * - installation of a plug: the snap's own declaration rule for the plug's interface if it has
 *   one, else the base-declaration plug rule, else allowed. Slots likewise with slot rules.
 * - connection and auto-connection: the plug snap's declaration plug rule, the slot snap's
 *   declaration slot rule, the base-declaration plug rule, the base-declaration slot rule: the FIRST
 *   that exists decides alone. Within it, any matching deny-* alternative denies; otherwise one
 *   allow-* alternative must match. Manual connection reads only *-connection subrules,
 *   auto-connection only *-auto-connection ones.
 * - attributes are compared after snapd's defaulting (prepare.ts). Snap ids and publisher ids are
 *   what the snaps' declarations say (snapd has none for a snap without one); an unset id never
 *   matches an id constraint.
 */
import type { PlugOrSlot, SnapType } from "../snap/snap-yaml";
import { ALWAYS_MATCH, checkAttributes, type AttrHelper } from "./attributes";
import { BASE_DECLARATION_257, NEWER_INTERFACES, type InterfacePolicy } from "./base-declaration";
import { prepareAttributes } from "./prepare";
import {
  compiledOrError,
  DeclarationError,
  type CompiledConstraints,
  type CompiledDeclaration,
  type CompiledRule,
  type Kind,
  type NameMatcher,
  type PolicySnapType,
  type Side,
  type SnapDeclaration,
  type SubruleName,
} from "./rules";

export type { Bool, Constraints, InterfaceRules, PolicySnapType, Rule, SnapDeclaration } from "./rules";
export { validateDeclaration, DeclarationError } from "./rules";

export type DecisionSource = "snap-declaration" | "base-declaration";

export interface Decision {
  allowed: boolean;
  /** Person-readable reason, naming the rule that decided. */
  reason: string;
  source: DecisionSource;
  /** Which rule decided: the plug-side or slot-side rule (absent when no rule exists). */
  side?: "plug" | "slot";
  /** The subrule that decided, e.g. "deny-connection" or "allow-installation". */
  subrule?: SubruleName;
  /** For an allowed auto-connection: how many slots the plug may auto-connect to (1 or any). */
  slotsPerPlug?: 1 | "*";
}

/** Where a decision is made: classic or Core, the OS, and the device's model and store. */
export interface DeviceContext {
  classic: boolean;
  /** /etc/os-release ID of a classic system (for `on-classic: [ubuntu, …]`). */
  osId?: string;
  /** The model assertion's brand-id and model; without both there is no model, and on-store/on-brand/on-model never match. */
  brand?: string;
  model?: string;
  /** The model's store. */
  store?: string;
  /** The store assertion's friendly-stores, when the device has one. */
  friendlyStores?: string[];
}

/** One snap taking part in a decision. */
export interface SnapParty {
  /** snap.yaml type (app by default). */
  type?: SnapType | PolicySnapType;
  declaration?: SnapDeclaration;
  /** From its snap-declaration; unset ids never match an id constraint. */
  snapId?: string;
  publisherId?: string;
}

function toDecl(d: SnapDeclaration | Readonly<Record<string, InterfacePolicy>>): SnapDeclaration {
  const plugs: Record<string, NonNullable<InterfacePolicy["plugs"]>> = {};
  const slots: Record<string, NonNullable<InterfacePolicy["slots"]>> = {};
  for (const [name, p] of Object.entries(d as Record<string, InterfacePolicy>)) {
    if (p.plugs) plugs[name] = p.plugs;
    if (p.slots) slots[name] = p.slots;
  }
  return { plugs, slots };
}

/** snapd 2.57.6's base declaration, as rules (from BASE_DECLARATION_257). */
export const BASE_DECLARATION: Readonly<Required<SnapDeclaration>> = toDecl(BASE_DECLARATION_257) as Required<SnapDeclaration>;

/** BASE_DECLARATION plus the rules of interfaces only later snapd releases know. */
export const BASE_DECLARATION_WITH_NEWER: Readonly<Required<SnapDeclaration>> = {
  plugs: { ...toDecl(NEWER_INTERFACES).plugs, ...BASE_DECLARATION.plugs },
  slots: { ...toDecl(NEWER_INTERFACES).slots, ...BASE_DECLARATION.slots },
};

/** snap.yaml `type` -> the type used in declaration constraints (os and snapd are "core"). */
export function policySnapType(type: SnapType | PolicySnapType | undefined): PolicySnapType {
  if (!type || type === "app") return "app";
  if (type === "os" || type === "snapd") return "core";
  return type;
}

// ---------------------------------------------------------------------------------------------
// Matching one alternative
// ---------------------------------------------------------------------------------------------

interface Item {
  name: string;
  iface: string;
  attributes: Record<string, unknown>;
}

function checkNames(list: NameMatcher[] | undefined, iface: string, which: string, name: string): string | null {
  if (!list) return null;
  for (const m of list) {
    if (m.special !== undefined ? m.special === "$INTERFACE" && iface === name : m.re!.test(name)) return null;
  }
  return `${which} "${name}" does not match constraints`;
}

function checkType(types: string[] | undefined, type: PolicySnapType): string | null {
  if (!types) return null;
  return types.includes(type) ? null : "snap type does not match";
}

function checkId(kind: string, id: string | undefined, ids: string[] | undefined, special: Record<string, string | undefined> = {}): string | null {
  if (!ids) return null;
  if (!id) return `${kind} does not match`;
  for (let cand of ids) {
    if (cand.startsWith("$")) {
      const s = Object.prototype.hasOwnProperty.call(special, cand) ? special[cand] : undefined;
      if (!s) continue; // unknown or unset special ids are skipped
      cand = s;
    }
    if (id === cand) return null;
  }
  return `${kind} does not match`;
}

function checkDevice(c: CompiledConstraints, device: DeviceContext): string | null {
  if (c.onClassic) {
    if (c.onClassic.classic !== device.classic) return "on-classic mismatch";
    if (c.onClassic.classic && c.onClassic.systemIds) {
      const err = checkId("operating system ID", device.osId, c.onClassic.systemIds);
      if (err) return err;
    }
  }
  const scope = c.deviceScope;
  if (scope) {
    if (!device.brand || !device.model) return "cannot match on-store/on-brand/on-model without model";
    const store = device.store ?? "";
    if (scope.store && !scope.store.includes(store)) {
      const friendly = device.friendlyStores ?? [];
      if (!scope.store.some((s) => friendly.includes(s))) return "on-store mismatch";
    }
    if (scope.brand && !scope.brand.includes(device.brand)) return "on-brand mismatch";
    if (scope.model && !scope.model.includes(`${device.brand}/${device.model}`)) return "on-model mismatch";
  }
  return null;
}

interface InstallEnv {
  item: Item;
  type: PolicySnapType;
  snapId?: string;
  device: DeviceContext;
}

function matchInstallation(side: Side, c: CompiledConstraints, e: InstallEnv): string | null {
  const names = side === "plug" ? c.plugNames : c.slotNames;
  const attrs = (side === "plug" ? c.plugAttributes : c.slotAttributes) ?? ALWAYS_MATCH;
  return (
    checkNames(names, e.item.iface, `${side} name`, e.item.name) ??
    checkAttributes(attrs, e.item.attributes) ??
    checkType(side === "plug" ? c.plugSnapTypes : c.slotSnapTypes, e.type) ??
    checkId("snap id", e.snapId, side === "plug" ? c.plugSnapIds : c.slotSnapIds) ??
    checkDevice(c, e.device)
  );
}

interface ConnectEnvInternal {
  plug: Item;
  slot: Item;
  plugType: PolicySnapType;
  slotType: PolicySnapType;
  plugSnapId?: string;
  slotSnapId?: string;
  plugPublisherId?: string;
  slotPublisherId?: string;
  device: DeviceContext;
}

function matchConnection(side: Side, c: CompiledConstraints, e: ConnectEnvInternal): string | null {
  const helper: AttrHelper = { plug: e.plug.attributes, slot: e.slot.attributes };
  const common =
    checkNames(c.plugNames, e.plug.iface, "plug name", e.plug.name) ??
    checkNames(c.slotNames, e.slot.iface, "slot name", e.slot.name) ??
    checkAttributes(c.plugAttributes ?? ALWAYS_MATCH, e.plug.attributes, helper) ??
    checkAttributes(c.slotAttributes ?? ALWAYS_MATCH, e.slot.attributes, helper);
  if (common) return common;
  const other =
    side === "plug"
      ? (checkType(c.slotSnapTypes, e.slotType) ??
        checkId("snap id", e.slotSnapId, c.slotSnapIds) ??
        checkId("publisher id", e.slotPublisherId, c.slotPublisherIds, { $PLUG_PUBLISHER_ID: e.plugPublisherId }))
      : (checkType(c.plugSnapTypes, e.plugType) ??
        checkId("snap id", e.plugSnapId, c.plugSnapIds) ??
        checkId("publisher id", e.plugPublisherId, c.plugPublisherIds, { $SLOT_PUBLISHER_ID: e.slotPublisherId }));
  return other ?? checkDevice(c, e.device);
}

/** The first alternative that matches, or null. */
function firstMatch(alts: CompiledConstraints[], m: (c: CompiledConstraints) => string | null): CompiledConstraints | null {
  for (const c of alts) if (m(c) === null) return c;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rules and decisions
// ---------------------------------------------------------------------------------------------

interface FoundRule {
  rule: CompiledRule;
  source: DecisionSource;
}

function describe(f: FoundRule): string {
  return `${f.source === "snap-declaration" ? "the snap-declaration" : "the base declaration"} ${f.rule.side} rule for ${f.rule.iface}`;
}

function decide(f: FoundRule, kind: Kind, m: (c: CompiledConstraints) => string | null): Decision {
  const { rule } = f;
  const base = { source: f.source, side: rule.side } as const;
  const deny = firstMatch(rule.subrules[`deny-${kind}`], m);
  if (deny) return { ...base, allowed: false, subrule: `deny-${kind}`, reason: `${kind} denied by ${deny.label} in ${describe(f)}` };
  const allow = firstMatch(rule.subrules[`allow-${kind}`], m);
  if (!allow) {
    // an omitted allow-* always matches, so this one was written (or the rule is `false`)
    return { ...base, allowed: false, subrule: `allow-${kind}`, reason: `${kind} not allowed: allow-${kind} in ${describe(f)} does not match` };
  }
  const decision: Decision = { ...base, allowed: true, subrule: `allow-${kind}`, reason: `${kind} allowed by ${describe(f)}` };
  if (kind === "auto-connection") decision.slotsPerPlug = allow.slotsPerPlug === -1 ? "*" : 1;
  return decision;
}

/** A declaration snapd would refuse: every decision through it is a refusal naming the problem. */
function invalid(err: DeclarationError, source: DecisionSource): Decision {
  return { allowed: false, source, reason: `the ${source} is invalid: ${err.message}` };
}

function compiled(decl: SnapDeclaration | undefined): CompiledDeclaration | DeclarationError {
  return compiledOrError(decl);
}

function prepared(side: Side, p: PlugOrSlot): Item {
  return { name: p.name, iface: p.interface, attributes: prepareAttributes(side, p.interface, p.name, p.attributes).attributes };
}

export interface InstallOptions {
  snapType?: SnapType | PolicySnapType;
  /** Shorthand for `device: { classic: classicSystem }` (classic when neither is given). */
  classicSystem?: boolean;
  device?: DeviceContext;
  /** The snap's id from its snap-declaration (`plug-snap-id`/`slot-snap-id` grants). */
  snapId?: string;
  /** The base declaration to apply (BASE_DECLARATION by default). */
  baseDeclaration?: SnapDeclaration;
}

function deviceOf(o: { device?: DeviceContext; classicSystem?: boolean } | undefined): DeviceContext {
  return o?.device ?? { classic: o?.classicSystem ?? true };
}

function installDecision(side: Side, p: PlugOrSlot, decl: SnapDeclaration | undefined, opts: InstallOptions | undefined): Decision {
  const own = compiled(decl);
  if (own instanceof DeclarationError) return invalid(own, "snap-declaration");
  const base = compiled(opts?.baseDeclaration ?? BASE_DECLARATION);
  if (base instanceof DeclarationError) return invalid(base, "base-declaration");
  const table = side === "plug" ? "plugs" : "slots";
  const ownRule = own[table].get(p.interface);
  const found: FoundRule | undefined = ownRule
    ? { rule: ownRule, source: "snap-declaration" }
    : base[table].get(p.interface)
      ? { rule: base[table].get(p.interface)!, source: "base-declaration" }
      : undefined;
  if (!found) return { allowed: true, reason: `no installation rule for ${p.interface}: allowed by default`, source: "base-declaration" };
  const env: InstallEnv = {
    item: prepared(side, p),
    type: policySnapType(opts?.snapType ?? "app"),
    snapId: opts?.snapId,
    device: deviceOf(opts),
  };
  return decide(found, "installation", (c) => matchInstallation(side, c, env));
}

/** May a snap with this plug be installed? */
export function canInstall(plug: PlugOrSlot, decl?: SnapDeclaration, opts?: InstallOptions): Decision {
  return installDecision("plug", plug, decl, opts);
}

/** May a snap (of `opts.snapType`) providing this slot be installed? */
export function canInstallSlot(slot: PlugOrSlot, decl?: SnapDeclaration, opts?: InstallOptions): Decision {
  return installDecision("slot", slot, decl, opts);
}

/** The slot side of a connection. Omitted -> the system (core) slot named like the interface. */
export interface SlotSide {
  slot?: PlugOrSlot;
  decl?: SnapDeclaration;
  snapType?: SnapType | PolicySnapType;
  publisherId?: string;
  snapId?: string;
}

export interface ConnectEnv {
  classicSystem: boolean;
  /** The device (overrides classicSystem when given). */
  device?: DeviceContext;
  /**
   * Whether the plug and slot snaps share a publisher, when their publisher ids are not given:
   * stands in for equal (or different) ids.
   */
  samePublisher?: boolean;
  plugSnapType?: SnapType | PolicySnapType;
  plugPublisherId?: string;
  plugSnapId?: string;
  baseDeclaration?: SnapDeclaration;
}

function systemSlot(iface: string): PlugOrSlot {
  return { name: iface, interface: iface, attributes: {}, apps: [], hooks: [], implicit: true };
}

function connectDecision(
  kind: "connection" | "auto-connection",
  plug: PlugOrSlot,
  plugDecl: SnapDeclaration | undefined,
  slotSide: SlotSide | undefined,
  env: ConnectEnv,
): Decision {
  const slot = slotSide?.slot ?? systemSlot(plug.interface);
  const iface = plug.interface;
  if (slot.interface !== iface) {
    return { allowed: false, reason: `cannot connect mismatched plug interface ${iface} to slot interface ${slot.interface}`, source: "base-declaration" };
  }
  const pd = compiled(plugDecl);
  if (pd instanceof DeclarationError) return invalid(pd, "snap-declaration");
  const sd = compiled(slotSide?.decl);
  if (sd instanceof DeclarationError) return invalid(sd, "snap-declaration");
  const base = compiled(env.baseDeclaration ?? BASE_DECLARATION);
  if (base instanceof DeclarationError) return invalid(base, "base-declaration");

  let plugPublisherId = env.plugPublisherId;
  let slotPublisherId = slotSide?.publisherId;
  if (env.samePublisher !== undefined && !plugPublisherId && !slotPublisherId) {
    plugPublisherId = "plug-publisher";
    slotPublisherId = env.samePublisher ? "plug-publisher" : "slot-publisher";
  }
  const e: ConnectEnvInternal = {
    plug: prepared("plug", plug),
    slot: prepared("slot", slot),
    plugType: policySnapType(env.plugSnapType ?? "app"),
    slotType: slotSide?.slot ? policySnapType(slotSide.snapType ?? "app") : "core",
    plugSnapId: env.plugSnapId,
    slotSnapId: slotSide?.snapId,
    plugPublisherId,
    slotPublisherId,
    device: deviceOf(env),
  };
  const candidates: [CompiledRule | undefined, DecisionSource][] = [
    [pd.plugs.get(iface), "snap-declaration"],
    [sd.slots.get(iface), "snap-declaration"],
    [base.plugs.get(iface), "base-declaration"],
    [base.slots.get(iface), "base-declaration"],
  ];
  for (const [rule, source] of candidates) {
    if (rule) return decide({ rule, source }, kind, (c) => matchConnection(rule.side, c, e));
  }
  // snapd has a rule for every interface it knows, and drops plugs of interfaces it does not know.
  return kind === "auto-connection"
    ? { allowed: false, reason: `${iface} is not a known interface: never auto-connected`, source: "base-declaration" }
    : { allowed: true, reason: `no connection rule for ${iface}: allowed by default`, source: "base-declaration" };
}

/** Manual connection (`snap connect`): only the *-connection subrules count. */
export function canConnect(plug: PlugOrSlot, plugDecl?: SnapDeclaration, slot?: SlotSide, env: ConnectEnv = { classicSystem: true }): Decision {
  return connectDecision("connection", plug, plugDecl, slot, env);
}

/** Auto-connection at install/refresh: only the *-auto-connection subrules count. */
export function canAutoConnect(plug: PlugOrSlot, plugDecl?: SnapDeclaration, slot?: SlotSide, env: ConnectEnv = { classicSystem: true }): Decision {
  return connectDecision("auto-connection", plug, plugDecl, slot, env);
}
