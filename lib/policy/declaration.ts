/**
 * Snap-declaration / base-declaration rule model and evaluation (snapd interfaces/policy, asserts
 * ifacedecls), reduced to what the store needs. Pure.
 *
 * Evaluation order (domain.md):
 * - installation of a plug: the snap's declaration plug rule for the interface, else the base
 *   declaration plug rule, else allowed. (Slots likewise with slot rules.)
 * - connection / auto-connection: plug-side snap-declaration rule, slot-side snap-declaration rule,
 *   base plug rule, base slot rule; the FIRST rule that exists for the interface decides, and inside
 *   it deny-* is checked before allow-*. A rule replaces the lower ones entirely: its omitted allow-*
 *   subrules default to true and deny-* to false.
 *
 * Constraint maps are ANDed; a list of maps is ORed (alternatives).
 */
import type { PlugOrSlot, SnapType } from "../snap/snap-yaml";
import { INTERFACES, type PolicySnapType } from "./interfaces";

export interface Constraints {
  "plug-attributes"?: Record<string, unknown>;
  "slot-attributes"?: Record<string, unknown>;
  "plug-snap-type"?: string[];
  "slot-snap-type"?: string[];
  /** Publisher ids; "$SLOT_PUBLISHER_ID" (in plug-publisher-id) / "$PLUG_PUBLISHER_ID" mean "same publisher". */
  "plug-publisher-id"?: string[];
  "slot-publisher-id"?: string[];
  "plug-snap-id"?: string[];
  "slot-snap-id"?: string[];
  /** Plug/slot names; "$INTERFACE" matches a plug/slot named like its interface. */
  "plug-names"?: string[];
  "slot-names"?: string[];
  "on-classic"?: boolean | "true" | "false";
}

export type Rule = boolean | "true" | "false" | Constraints | Constraints[];

export interface InterfaceRules {
  "allow-installation"?: Rule;
  "deny-installation"?: Rule;
  "allow-connection"?: Rule;
  "deny-connection"?: Rule;
  "allow-auto-connection"?: Rule;
  "deny-auto-connection"?: Rule;
}

export interface SnapDeclaration {
  plugs?: Record<string, InterfaceRules>;
  slots?: Record<string, InterfaceRules>;
}

export type DecisionSource = "snap-declaration" | "base-declaration";

export interface Decision {
  allowed: boolean;
  /** Person-readable reason, naming the rule that decided. */
  reason: string;
  source: DecisionSource;
  /** Which rule decided: the plug-side or slot-side rule (absent when no rule exists). */
  side?: "plug" | "slot";
}

const CONSTRAINT_KEYS = new Set([
  "plug-attributes", "slot-attributes", "plug-snap-type", "slot-snap-type", "plug-publisher-id",
  "slot-publisher-id", "plug-snap-id", "slot-snap-id", "plug-names", "slot-names", "on-classic",
]);
const RULE_KEYS = new Set([
  "allow-installation", "deny-installation", "allow-connection", "deny-connection",
  "allow-auto-connection", "deny-auto-connection",
]);

// ---------------------------------------------------------------------------------------------
// Base declaration (built from the interface table)
// ---------------------------------------------------------------------------------------------

function buildBaseDeclaration(): Required<SnapDeclaration> {
  const plugs: Record<string, InterfaceRules> = {};
  const slots: Record<string, InterfaceRules> = {};
  for (const i of Object.values(INTERFACES)) {
    const unless: Constraints[] = (i.autoConnectUnless ?? []).map((u) => ({ "plug-attributes": { [u.attribute]: u.value } }));
    if (i.superPrivileged) {
      plugs[i.name] = { "allow-installation": false, "deny-auto-connection": true };
    } else if (unless.length > 0 && i.autoConnect === "yes") {
      plugs[i.name] = { "deny-auto-connection": unless };
    }
    const slot: InterfaceRules = { "allow-installation": { "slot-snap-type": [...i.slotSnapTypes] } };
    switch (i.autoConnect) {
      case "yes":
        break;
      case "no":
        slot["deny-auto-connection"] = true;
        break;
      case "classic-only":
        slot["deny-auto-connection"] = [{ "on-classic": false }, ...unless];
        break;
      case "same-publisher":
        slot["allow-connection"] = { "plug-attributes": { content: "$SLOT(content)" } };
        slot["allow-auto-connection"] = {
          "plug-publisher-id": ["$SLOT_PUBLISHER_ID"],
          "plug-attributes": { content: "$SLOT(content)" },
        };
        break;
    }
    slots[i.name] = slot;
  }
  return { plugs, slots };
}

/** The base declaration as rules (derived from `INTERFACES`). */
export const BASE_DECLARATION: Readonly<Required<SnapDeclaration>> = buildBaseDeclaration();

// ---------------------------------------------------------------------------------------------
// Validation of declaration input (e.g. from the admin UI / assertion headers)
// ---------------------------------------------------------------------------------------------

/** Reports unknown rule or constraint keys and malformed values; [] when the declaration is usable. */
export function validateDeclaration(decl: unknown): string[] {
  const errors: string[] = [];
  if (decl === undefined || decl === null) return errors;
  if (typeof decl !== "object" || Array.isArray(decl)) return ["declaration must be a mapping with plugs and/or slots"];
  for (const [side, ifaces] of Object.entries(decl as Record<string, unknown>)) {
    if (side !== "plugs" && side !== "slots") {
      errors.push(`unknown declaration key ${JSON.stringify(side)}: use plugs or slots`);
      continue;
    }
    if (ifaces === null || typeof ifaces !== "object" || Array.isArray(ifaces)) {
      errors.push(`${side} must map interface names to rules`);
      continue;
    }
    for (const [iface, rules] of Object.entries(ifaces as Record<string, unknown>)) {
      const at = `${side}.${iface}`;
      if (rules === true || rules === "true") continue; // shorthand: allow everything
      if (rules === null || typeof rules !== "object" || Array.isArray(rules)) {
        errors.push(`${at} must be a mapping of rules`);
        continue;
      }
      for (const [k, v] of Object.entries(rules as Record<string, unknown>)) {
        if (!RULE_KEYS.has(k)) {
          errors.push(`${at}: unknown rule ${JSON.stringify(k)}`);
          continue;
        }
        const alts = Array.isArray(v) ? v : [v];
        if (Array.isArray(v) && v.length === 0) errors.push(`${at}.${k}: an empty list of alternatives`);
        for (const alt of alts) {
          if (typeof alt === "boolean" || alt === "true" || alt === "false") {
            if (Array.isArray(v)) errors.push(`${at}.${k}: a list must contain constraint maps`);
            continue;
          }
          if (alt === null || typeof alt !== "object" || Array.isArray(alt)) {
            errors.push(`${at}.${k}: must be true, false, a constraint map or a list of them`);
            continue;
          }
          for (const ck of Object.keys(alt)) {
            if (!CONSTRAINT_KEYS.has(ck)) errors.push(`${at}.${k}: unknown constraint ${JSON.stringify(ck)}`);
          }
        }
      }
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Matching
// ---------------------------------------------------------------------------------------------

export interface PolicyContext {
  plug?: PlugOrSlot;
  slot?: PlugOrSlot;
  plugSnapType?: PolicySnapType;
  slotSnapType?: PolicySnapType;
  plugPublisherId?: string;
  slotPublisherId?: string;
  plugSnapId?: string;
  slotSnapId?: string;
  classicSystem?: boolean;
  /** Overrides publisher-id comparison for $SLOT_PUBLISHER_ID / $PLUG_PUBLISHER_ID. */
  samePublisher?: boolean;
}

/** snap.yaml `type` -> the type used in declaration constraints (os and snapd are "core"). */
export function policySnapType(type: SnapType | undefined): PolicySnapType {
  if (!type || type === "app") return "app";
  if (type === "os" || type === "snapd") return "core";
  return type;
}

function scalarString(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return null;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function safeRegExp(src: string): RegExp | null {
  try {
    return new RegExp(`^(?:${src})$`);
  } catch {
    return null;
  }
}

/**
 * snapd attribute matcher: a map constrains nested keys (AND); a list is alternatives (OR); a string
 * is an anchored regexp (scalars compare by their string form, list values must match element-wise);
 * "$MISSING" requires absence; "$PLUG(attr)" / "$SLOT(attr)" compare with the other side's attribute.
 */
function matchAttr(constraint: unknown, value: unknown, present: boolean, other: Record<string, unknown> | undefined): boolean {
  if (Array.isArray(constraint)) return constraint.some((c) => matchAttr(c, value, present, other));
  if (constraint !== null && typeof constraint === "object") {
    if (!present || value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const v = value as Record<string, unknown>;
    return Object.entries(constraint as Record<string, unknown>).every(([k, c]) =>
      matchAttr(c, v[k], Object.prototype.hasOwnProperty.call(v, k), other),
    );
  }
  const c = scalarString(constraint);
  if (c === null) return false;
  if (c === "$MISSING") return !present;
  const ref = /^\$(PLUG|SLOT)\(([^)]+)\)$/.exec(c);
  if (ref) {
    if (!present || !other) return false;
    const path = ref[2].split(".");
    let o: unknown = other;
    for (const p of path) {
      if (o === null || typeof o !== "object") return false;
      o = (o as Record<string, unknown>)[p];
    }
    return o !== undefined && deepEqual(o, value);
  }
  if (!present) return false;
  const re = safeRegExp(c);
  if (!re) return false;
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => { const s = scalarString(item); return s !== null && re.test(s); });
  const s = scalarString(value);
  return s !== null && re.test(s);
}

function matchAttributes(constraint: unknown, attrs: Record<string, unknown> | undefined, other: Record<string, unknown> | undefined): boolean {
  return matchAttr(constraint, attrs ?? {}, true, other);
}

function asBool(v: unknown): boolean | undefined {
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  return undefined;
}

function publisherMatch(list: string[], selfId: string | undefined, otherId: string | undefined, sameVar: string, ctx: PolicyContext): boolean {
  return list.some((p) => {
    if (p === sameVar) {
      if (ctx.samePublisher !== undefined) return ctx.samePublisher;
      return selfId !== undefined && selfId === otherId;
    }
    return selfId !== undefined && p === selfId;
  });
}

function namesMatch(list: string[], p: PlugOrSlot | undefined): boolean {
  if (!p) return false;
  return list.some((n) => (n === "$INTERFACE" ? p.name === p.interface : n === p.name));
}

/** Does a constraint map match? Unknown keys never match (snapd rejects them when decoding). */
function matchConstraints(c: Constraints, ctx: PolicyContext): boolean {
  for (const [key, val] of Object.entries(c)) {
    switch (key) {
      case "plug-attributes":
        if (!matchAttributes(val, ctx.plug?.attributes, ctx.slot?.attributes)) return false;
        break;
      case "slot-attributes":
        if (!matchAttributes(val, ctx.slot?.attributes, ctx.plug?.attributes)) return false;
        break;
      case "plug-snap-type":
        if (!(val as string[]).includes(ctx.plugSnapType ?? "app")) return false;
        break;
      case "slot-snap-type":
        if (!(val as string[]).includes(ctx.slotSnapType ?? "core")) return false;
        break;
      case "plug-publisher-id":
        if (!publisherMatch(val as string[], ctx.plugPublisherId, ctx.slotPublisherId, "$SLOT_PUBLISHER_ID", ctx)) return false;
        break;
      case "slot-publisher-id":
        if (!publisherMatch(val as string[], ctx.slotPublisherId, ctx.plugPublisherId, "$PLUG_PUBLISHER_ID", ctx)) return false;
        break;
      case "plug-snap-id":
        if (!ctx.plugSnapId || !(val as string[]).includes(ctx.plugSnapId)) return false;
        break;
      case "slot-snap-id":
        if (!ctx.slotSnapId || !(val as string[]).includes(ctx.slotSnapId)) return false;
        break;
      case "plug-names":
        if (!namesMatch(val as string[], ctx.plug)) return false;
        break;
      case "slot-names":
        if (!namesMatch(val as string[], ctx.slot)) return false;
        break;
      case "on-classic":
        if (asBool(val) !== !!ctx.classicSystem) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Whether a rule value holds for the context; `undefined` -> `dflt`. */
export function ruleHolds(rule: Rule | undefined, dflt: boolean, ctx: PolicyContext): boolean {
  if (rule === undefined) return dflt;
  const b = asBool(rule);
  if (b !== undefined) return b;
  if (Array.isArray(rule)) return rule.some((c) => matchConstraints(c, ctx));
  if (rule !== null && typeof rule === "object") return matchConstraints(rule as Constraints, ctx);
  return false;
}

type Kind = "installation" | "connection" | "auto-connection";

function lookupRule(decl: SnapDeclaration | undefined, side: "plugs" | "slots", iface: string): InterfaceRules | undefined {
  const table = decl?.[side];
  if (!table || !Object.prototype.hasOwnProperty.call(table, iface)) return undefined;
  const r = table[iface] as InterfaceRules | boolean | string;
  if (r === true || r === "true") return {};
  if (r === false || r === "false") return { "allow-installation": false, "allow-connection": false, "allow-auto-connection": false };
  return r as InterfaceRules;
}

function evaluate(rules: InterfaceRules, kind: Kind, ctx: PolicyContext, source: DecisionSource, side: "plug" | "slot", iface: string): Decision {
  const who = `${source === "snap-declaration" ? "the snap-declaration" : "the base declaration"} ${side} rule for ${iface}`;
  if (ruleHolds(rules[`deny-${kind}`], false, ctx)) {
    return { allowed: false, reason: `${kind} denied by deny-${kind} in ${who}`, source, side };
  }
  if (!ruleHolds(rules[`allow-${kind}`], true, ctx)) {
    const explicit = rules[`allow-${kind}`] !== undefined;
    return {
      allowed: false,
      reason: `${kind} not allowed: ${explicit ? `allow-${kind} in ${who} does not match` : `no allow-${kind} in ${who}`}`,
      source,
      side,
    };
  }
  return { allowed: true, reason: `${kind} allowed by ${who}`, source, side };
}

/**
 * May a snap with this plug be installed? The snap's declaration plug rule for the interface decides
 * if present; else the base declaration plug rule; else allowed.
 */
export function canInstall(
  plug: PlugOrSlot,
  decl?: SnapDeclaration,
  opts?: { snapType?: SnapType; classicSystem?: boolean },
): Decision {
  const ctx: PolicyContext = { plug, plugSnapType: policySnapType(opts?.snapType), classicSystem: opts?.classicSystem };
  const own = lookupRule(decl, "plugs", plug.interface);
  if (own) return evaluate(own, "installation", ctx, "snap-declaration", "plug", plug.interface);
  const base = lookupRule(BASE_DECLARATION, "plugs", plug.interface);
  if (base) return evaluate(base, "installation", ctx, "base-declaration", "plug", plug.interface);
  return { allowed: true, reason: `no installation rule for ${plug.interface}: allowed by default`, source: "base-declaration" };
}

/** May a snap of `snapType` providing this slot be installed? (slot-side analogue of canInstall). */
export function canInstallSlot(
  slot: PlugOrSlot,
  decl?: SnapDeclaration,
  opts?: { snapType?: SnapType; classicSystem?: boolean },
): Decision {
  const ctx: PolicyContext = { slot, slotSnapType: policySnapType(opts?.snapType), classicSystem: opts?.classicSystem };
  const own = lookupRule(decl, "slots", slot.interface);
  if (own) return evaluate(own, "installation", ctx, "snap-declaration", "slot", slot.interface);
  const base = lookupRule(BASE_DECLARATION, "slots", slot.interface);
  if (base) return evaluate(base, "installation", ctx, "base-declaration", "slot", slot.interface);
  return { allowed: true, reason: `no installation rule for ${slot.interface}: allowed by default`, source: "base-declaration" };
}

/** The slot side of a connection. Omitted -> the system (core) slot named like the interface. */
export interface SlotSide {
  slot?: PlugOrSlot;
  decl?: SnapDeclaration;
  snapType?: SnapType;
  publisherId?: string;
  snapId?: string;
}

export interface ConnectEnv {
  classicSystem: boolean;
  /** Whether the plug and slot snaps share a publisher (content auto-connection). */
  samePublisher?: boolean;
  plugSnapType?: SnapType;
  plugPublisherId?: string;
  plugSnapId?: string;
}

function connectDecision(kind: "connection" | "auto-connection", plug: PlugOrSlot, plugDecl: SnapDeclaration | undefined, slotSide: SlotSide | undefined, env: ConnectEnv): Decision {
  const slot: PlugOrSlot = slotSide?.slot ?? { name: plug.interface, interface: plug.interface, attributes: {}, apps: [], hooks: [], implicit: true };
  if (slot.interface !== plug.interface) {
    return { allowed: false, reason: `plug interface ${plug.interface} does not match slot interface ${slot.interface}`, source: "base-declaration" };
  }
  const iface = plug.interface;
  const ctx: PolicyContext = {
    plug,
    slot,
    plugSnapType: policySnapType(env.plugSnapType),
    slotSnapType: slotSide?.slot ? policySnapType(slotSide.snapType) : "core",
    plugPublisherId: env.plugPublisherId,
    slotPublisherId: slotSide?.publisherId,
    plugSnapId: env.plugSnapId,
    slotSnapId: slotSide?.snapId,
    classicSystem: env.classicSystem,
    samePublisher: env.samePublisher,
  };
  const candidates: [InterfaceRules | undefined, DecisionSource, "plug" | "slot"][] = [
    [lookupRule(plugDecl, "plugs", iface), "snap-declaration", "plug"],
    [lookupRule(slotSide?.decl, "slots", iface), "snap-declaration", "slot"],
    [lookupRule(BASE_DECLARATION, "plugs", iface), "base-declaration", "plug"],
    [lookupRule(BASE_DECLARATION, "slots", iface), "base-declaration", "slot"],
  ];
  for (const [rules, source, side] of candidates) {
    if (rules) return evaluate(rules, kind, ctx, source, side, iface);
  }
  // snapd has a base rule for every built-in interface; an unknown interface has no policy at all:
  // never auto-connect it, let a user connect it manually.
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
