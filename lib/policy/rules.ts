/**
 * Declaration rules (base-declaration and snap-declaration `plugs:`/`slots:` headers): their types,
 * and their compilation with snapd 2.57's exact reading (asserts/ifacedecls.go). Pure.
 *
 * A rule for one interface has up to six subrules: allow/deny × installation/connection/
 * auto-connection. Each subrule is `true`, `false`, a constraint map or a list of maps
 * (alternatives). An omitted allow-* means allowed, an omitted deny-* means not denied; the
 * shortcut rule `true` allows everything and `false` denies everything.
 *
 * snapd's reading has quirks that decide real cases, kept here on purpose:
 * - a constraint map only reads the keys that apply to its side and subrule; others are ignored
 *   (`slot-attributes` inside a plug's allow-installation does nothing);
 * - a connection constraint map must name at least one constraint it reads, but an installation
 *   one need not (snapd's check miscounts there), so `allow-installation: {}` allows;
 * - `slots-per-plug`/`plugs-per-slot` exist only in allow-connection/allow-auto-connection; after
 *   compiling, plugs-per-slot is always "*" and slots-per-plug is "*" for manual connection and
 *   1 or "*" for auto-connection.
 */
import { ALWAYS_MATCH, ConstraintError, NEVER_MATCH, compileAttributeConstraints, compileGoRegexp, type AttrMatcher } from "./attributes";
import type { RE2JS } from "re2js";

/** snapd's snap types as used in declaration constraints ("core" = the system snap: os/snapd/core). */
export type PolicySnapType = "app" | "gadget" | "kernel" | "base" | "core" | "snapd";

/** `true`/`false` may be written as booleans or as the strings assertions carry. */
export type Bool = boolean | "true" | "false";

export interface Constraints {
  "plug-attributes"?: Record<string, unknown> | Record<string, unknown>[];
  "slot-attributes"?: Record<string, unknown> | Record<string, unknown>[];
  "plug-snap-type"?: string[];
  "slot-snap-type"?: string[];
  /** Publisher ids; "$SLOT_PUBLISHER_ID" (in plug-publisher-id) / "$PLUG_PUBLISHER_ID" mean "same publisher". */
  "plug-publisher-id"?: string[];
  "slot-publisher-id"?: string[];
  "plug-snap-id"?: string[];
  "slot-snap-id"?: string[];
  /** Plug/slot names: regular expressions, or "$INTERFACE" (named like the interface). */
  "plug-names"?: string[];
  "slot-names"?: string[];
  /** true/false, or a list of OS ids (classic systems running one of them). */
  "on-classic"?: Bool | string[];
  "on-store"?: string[];
  "on-brand"?: string[];
  /** "<brand-id>/<model>" entries. */
  "on-model"?: string[];
  /** "*" or an integer >= 1 (allow-auto-connection / allow-connection only). */
  "slots-per-plug"?: string | number;
  "plugs-per-slot"?: string | number;
}

export type Rule = Bool | Constraints | Constraints[];

export interface InterfaceRules {
  "allow-installation"?: Rule;
  "deny-installation"?: Rule;
  "allow-connection"?: Rule;
  "deny-connection"?: Rule;
  "allow-auto-connection"?: Rule;
  "deny-auto-connection"?: Rule;
}

/** The `plugs`/`slots` of a snap-declaration (or the base declaration), by interface name. */
export interface SnapDeclaration {
  plugs?: Record<string, InterfaceRules | Bool>;
  slots?: Record<string, InterfaceRules | Bool>;
}

export type Side = "plug" | "slot";
export type Kind = "installation" | "connection" | "auto-connection";
export type SubruleName = `${"allow" | "deny"}-${Kind}`;
export const SUBRULES: readonly SubruleName[] = [
  "allow-installation",
  "deny-installation",
  "allow-connection",
  "deny-connection",
  "allow-auto-connection",
  "deny-auto-connection",
];

/** Any number of connections: -1; an explicit count: >= 1. */
export type Arity = number;

export interface NameMatcher {
  special?: string;
  re?: RE2JS;
  source: string;
}

export interface CompiledConstraints {
  plugNames?: NameMatcher[];
  slotNames?: NameMatcher[];
  plugAttributes?: AttrMatcher;
  slotAttributes?: AttrMatcher;
  plugSnapTypes?: string[];
  slotSnapTypes?: string[];
  plugSnapIds?: string[];
  slotSnapIds?: string[];
  plugPublisherIds?: string[];
  slotPublisherIds?: string[];
  onClassic?: { classic: boolean; systemIds?: string[] };
  deviceScope?: { store?: string[]; brand?: string[]; model?: string[] };
  slotsPerPlug: Arity;
  plugsPerSlot: Arity;
  /** Where it came from, for explanations: "allow-installation", "alternative 2 of deny-connection", … */
  label: string;
}

export interface CompiledRule {
  iface: string;
  side: Side;
  subrules: Record<SubruleName, CompiledConstraints[]>;
  /** The rule as written (for explanations). */
  source: unknown;
}

/** A declaration snapd would refuse to decode; the message is snapd's. */
export class DeclarationError extends Error {}

const VALID_SNAP_TYPE = /^(?:core|kernel|gadget|app)$/;
const VALID_SNAP_ID = /^[a-z0-9A-Z]{32}$/;
const VALID_PUBLISHER = /^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28}|\$[A-Z][A-Z0-9_]*)$/;
const VALID_DISTRO = /^[-0-9a-z._]+$/;
const VALID_STORE_ID = /^[-A-Z0-9a-z_]+$/;
const VALID_ACCOUNT_ID = /^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28})$/;
const VALID_BRAND_MODEL = /^((?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28}))\/([a-zA-Z0-9](?:-?[a-zA-Z0-9])*)$/;
const VALID_SPECIAL_NAME = /^\$[A-Z][A-Z0-9_]*$/;

const ID_PATTERNS: Record<string, RegExp> = {
  "slot-snap-type": VALID_SNAP_TYPE,
  "slot-snap-id": VALID_SNAP_ID,
  "slot-publisher-id": VALID_PUBLISHER,
  "plug-snap-type": VALID_SNAP_TYPE,
  "plug-snap-id": VALID_SNAP_ID,
  "plug-publisher-id": VALID_PUBLISHER,
};

/** The keys a constraint map of this side and kind reads (snapd ignores the others). */
function fieldsFor(side: Side, installation: boolean): { names: string[]; attrs: string[]; ids: string[] } {
  if (installation) {
    return side === "plug"
      ? { names: ["plug-names"], attrs: ["plug-attributes"], ids: ["plug-snap-type", "plug-snap-id"] }
      : { names: ["slot-names"], attrs: ["slot-attributes"], ids: ["slot-snap-type", "slot-snap-id"] };
  }
  return {
    names: ["plug-names", "slot-names"],
    attrs: ["plug-attributes", "slot-attributes"],
    ids: side === "plug" ? ["slot-snap-type", "slot-publisher-id", "slot-snap-id"] : ["plug-snap-type", "plug-publisher-id", "plug-snap-id"],
  };
}

/**
 * Declarations reach us as JSON with booleans and numbers; assertions only carry strings. Converts
 * to the assertion form (true -> "true", 2 -> "2"); null counts as absent.
 */
export function toAssertionForm(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (Array.isArray(v)) return v.map(toAssertionForm);
  if (typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const y = toAssertionForm(x);
      if (y !== undefined) out[k] = y;
    }
    return out;
  }
  return v;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function has(m: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k) && m[k] !== undefined;
}

/** snapd's checkStringListInMap: absent or empty -> undefined; else a list of strings matching `pattern`. */
function stringList(m: Record<string, unknown>, field: string, what: string, pattern?: RegExp): string[] | undefined {
  if (!has(m, field)) return undefined;
  const v = m[field];
  if (!Array.isArray(v)) throw new DeclarationError(`${what} must be a list of strings`);
  if (v.length === 0) return undefined;
  return v.map((s) => {
    if (typeof s !== "string") throw new DeclarationError(`${what} must be a list of strings`);
    if (pattern && !pattern.test(s)) throw new DeclarationError(`${what} contains an invalid element: "${s}"`);
    return s;
  });
}

function compileNames(field: string, v: unknown): NameMatcher[] {
  if (!Array.isArray(v)) throw new DeclarationError(`${field} constraints must be a list of regexps and special $ values`);
  return v.map((s) => {
    if (typeof s !== "string") throw new DeclarationError(`${field} constraint entry must be a regexp or special $ value`);
    if (s.startsWith("$")) {
      if (!VALID_SPECIAL_NAME.test(s)) throw new DeclarationError(`${field} constraint entry special value "${s}" is invalid`);
      return { special: s, source: s };
    }
    if (/\s/u.test(s)) throw new DeclarationError(`${field} constraint entry regexp contains unexpected spaces`);
    try {
      return { re: compileGoRegexp(s), source: s };
    } catch (e) {
      throw new DeclarationError(`cannot compile ${field} constraint entry "${s}": ${(e as Error).message}`);
    }
  });
}

/** Go's strconv.Atoi plus snapd's prefix-zero check, for slots-per-plug / plugs-per-slot. */
function compileArity(context: string, which: string, v: unknown, installation: boolean, allow: boolean): Arity {
  if (installation || !allow) throw new DeclarationError(`${context} cannot specify a ${which} constraint, they apply only to allow-*connection`);
  const bad = () => new DeclarationError(`${which} in ${context} must be an integer >=1 or *`);
  if (typeof v !== "string" || v.length === 0) throw bad();
  if (v === "*") return -1;
  if (!/^[+-]?[0-9]+$/.test(v)) throw bad();
  const big = BigInt(v);
  if (big > 2n ** 63n - 1n || big < -(2n ** 63n)) throw new DeclarationError(`${which} in ${context} is out of range: ${v}`);
  const n = Number(big);
  if (v.startsWith("0") && v !== "0") throw new DeclarationError(`${which} in ${context} has invalid prefix zeros: ${v}`);
  if (n < 1) throw bad();
  return n;
}

interface SubruleCtx {
  rule: string;
  subrule: SubruleName;
  alt: number;
}

function ctxString(c: SubruleCtx): string {
  const s = `${c.subrule} in ${c.rule}`;
  return c.alt ? `alternative ${c.alt} of ${s}` : s;
}

/** One alternative of a subrule: a constraint map, or null for the `true`/`false` shortcut. */
function compileConstraints(side: Side, c: SubruleCtx, cMap: Record<string, unknown> | null, invert: boolean): CompiledConstraints {
  const installation = c.subrule.endsWith("-installation");
  const allow = c.subrule.startsWith("allow-");
  const context = ctxString(c);
  const out: CompiledConstraints = { slotsPerPlug: 0, plugsPerSlot: 0, label: c.alt ? `alternative ${c.alt} of ${c.subrule}` : c.subrule };
  const f = fieldsFor(side, installation);
  const setAttrs = (field: string, m: AttrMatcher) => {
    if (field === "plug-attributes") out.plugAttributes = m;
    else out.slotAttributes = m;
  };
  if (cMap === null) {
    for (const field of f.attrs) setAttrs(field, invert ? NEVER_MATCH : ALWAYS_MATCH);
    return normalizeArity(c, out);
  }
  let defaults = 0;
  for (const field of f.names) {
    if (has(cMap, field)) {
      const names = compileNames(field, cMap[field]);
      if (field === "plug-names") out.plugNames = names;
      else out.slotNames = names;
    } else defaults++;
  }
  for (const field of f.attrs) {
    if (has(cMap, field)) {
      try {
        setAttrs(field, compileAttributeConstraints(cMap[field]));
      } catch (e) {
        if (e instanceof ConstraintError) throw new DeclarationError(`cannot compile ${field} in ${context}: ${e.message}`);
        throw e;
      }
    } else {
      defaults++;
      setAttrs(field, ALWAYS_MATCH);
    }
  }
  for (const field of f.ids) {
    const list = stringList(cMap, field, `${field} in ${context}`, ID_PATTERNS[field]);
    if (!list) defaults++;
    const key = (
      {
        "plug-snap-type": "plugSnapTypes",
        "slot-snap-type": "slotSnapTypes",
        "plug-snap-id": "plugSnapIds",
        "slot-snap-id": "slotSnapIds",
        "plug-publisher-id": "plugPublisherIds",
        "slot-publisher-id": "slotPublisherIds",
      } as const
    )[field as "plug-snap-type"];
    if (list) out[key] = list;
  }
  for (const [field, key] of [
    ["slots-per-plug", "slotsPerPlug"],
    ["plugs-per-slot", "plugsPerSlot"],
  ] as const) {
    if (has(cMap, field)) out[key] = compileArity(context, field, cMap[field], installation, allow);
    else defaults++;
  }
  if (!has(cMap, "on-classic")) defaults++;
  else {
    const v = cMap["on-classic"];
    if (v === "true") out.onClassic = { classic: true };
    else if (v === "false") out.onClassic = { classic: false };
    else if (Array.isArray(v)) out.onClassic = { classic: true, systemIds: stringList(cMap, "on-classic", `on-classic in ${context}`, VALID_DISTRO) };
    else throw new DeclarationError(`on-classic in ${context} must be 'true', 'false' or a list of operating system IDs`);
  }
  if (["on-store", "on-brand", "on-model"].some((k) => has(cMap, k))) {
    out.deviceScope = {
      store: stringList(cMap, "on-store", `on-store in ${context}`, VALID_STORE_ID),
      brand: stringList(cMap, "on-brand", `on-brand in ${context}`, VALID_ACCOUNT_ID),
      model: stringList(cMap, "on-model", `on-model in ${context}`, VALID_BRAND_MODEL),
    };
  } else defaults++;
  // snapd compares with the connection-sized count (names 2 + attributes 2 + ids + arity 2 + 2),
  // which an installation map can never reach: only connection maps must name a constraint.
  if (defaults === f.names.length + 2 + f.ids.length + 2 + 2) {
    throw new DeclarationError(
      `${context} must specify at least one of ${f.names.join(", ")}, ${f.attrs.join(", ")}, ${f.ids.join(", ")}, slots-per-plug, plugs-per-slot, on-classic, on-store, on-brand, on-model`,
    );
  }
  return normalizeArity(c, out);
}

function normalizeArity(c: SubruleCtx, out: CompiledConstraints): CompiledConstraints {
  if (!c.subrule.startsWith("allow-")) return out;
  out.plugsPerSlot = -1;
  if (c.subrule === "allow-auto-connection") {
    if (out.slotsPerPlug !== -1) out.slotsPerPlug = 1;
  } else if (c.subrule === "allow-connection") {
    out.slotsPerPlug = -1;
  }
  return out;
}

const DEFAULT_OUTCOME: Record<SubruleName, string> = {
  "allow-installation": "true",
  "allow-connection": "true",
  "allow-auto-connection": "true",
  "deny-installation": "false",
  "deny-connection": "false",
  "deny-auto-connection": "false",
};
const INVERTED_OUTCOME: Record<SubruleName, string> = {
  "allow-installation": "false",
  "allow-connection": "false",
  "allow-auto-connection": "false",
  "deny-installation": "true",
  "deny-connection": "true",
  "deny-auto-connection": "true",
};

/** Compiles one interface's plug or slot rule (any JSON form; converted to assertion form first). */
export function compileRule(side: Side, iface: string, raw: unknown): CompiledRule {
  const rule = toAssertionForm(raw);
  const context = `${side} rule for interface "${iface}"`;
  let rMap: Record<string, unknown>;
  if (rule === "true") rMap = DEFAULT_OUTCOME;
  else if (rule === "false") rMap = INVERTED_OUTCOME;
  else if (isMap(rule)) rMap = rule;
  else throw new DeclarationError(`${context} must be a map or one of the shortcuts 'true' or 'false'`);

  let defaults = 0;
  const subrules = {} as Record<SubruleName, CompiledConstraints[]>;
  for (const sub of SUBRULES) {
    let v = has(rMap, sub) ? rMap[sub] : undefined;
    if (v === undefined) {
      v = DEFAULT_OUTCOME[sub];
      defaults++;
    }
    const alternatives = Array.isArray(v);
    const list = alternatives ? (v as unknown[]) : [v];
    if (list.length === 0) throw new DeclarationError(`${sub} in ${context} must not be an empty list of alternatives`);
    subrules[sub] = list.map((alt, i) => {
      const c: SubruleCtx = { rule: context, subrule: sub, alt: alternatives ? i + 1 : 0 };
      if (isMap(alt)) return compileConstraints(side, c, alt, false);
      if ((alt === "true" || alt === "false") && !alternatives) return compileConstraints(side, c, null, alt === "false");
      throw new DeclarationError(alternatives ? `${ctxString(c)} must be a map` : `${ctxString(c)} must be a map or one of the shortcuts 'true' or 'false'`);
    });
  }
  if (defaults === SUBRULES.length) throw new DeclarationError(`${context} must specify at least one of ${SUBRULES.join(", ")}`);
  return { iface, side, subrules, source: raw };
}

const HEADER_NAME = /^[a-z](?:-?[a-z0-9])*$/;
const OMIT = Symbol("omit");

/**
 * What a device decodes from a declaration written in the assertion text format. The format names
 * map keys like headers (lowercase words joined by single hyphens: no dotted keys) and drops empty
 * lists and maps when encoding; a list or map left with nothing in it no longer decodes.
 */
function roundTrip(v: unknown, at: string): unknown {
  if (Array.isArray(v)) {
    if (v.length === 0) return OMIT;
    const out = v.map((x, i) => roundTrip(x, `${at}.${i}`)).filter((x) => x !== OMIT);
    if (out.length === 0) throw new DeclarationError(`${at}: a list of only empty values cannot be written in an assertion`);
    return out;
  }
  if (isMap(v)) {
    const entries = Object.entries(v);
    if (entries.length === 0) return OMIT;
    const out: Record<string, unknown> = {};
    for (const [k, x] of entries) {
      if (!HEADER_NAME.test(k)) throw new DeclarationError(`parsing assertion headers: invalid map entry key: "${k}" (at ${at})`);
      const y = roundTrip(x, `${at}.${k}`);
      if (y !== OMIT) out[k] = y;
    }
    if (Object.keys(out).length === 0) throw new DeclarationError(`${at}: a map of only empty values cannot be written in an assertion`);
    return out;
  }
  return v;
}

export interface CompiledDeclaration {
  plugs: Map<string, CompiledRule>;
  slots: Map<string, CompiledRule>;
}

/** Compiles a whole declaration; throws DeclarationError (snapd's message) when snapd would refuse it. */
export function compileDeclaration(decl: unknown): CompiledDeclaration {
  const out: CompiledDeclaration = { plugs: new Map(), slots: new Map() };
  if (decl === undefined || decl === null) return out;
  if (!isMap(decl)) throw new DeclarationError("declaration must be a mapping with plugs and/or slots");
  for (const [header, side] of [
    ["plugs", "plug"],
    ["slots", "slot"],
  ] as const) {
    const v = decl[header];
    if (v === undefined || v === null) continue;
    if (!isMap(v)) throw new DeclarationError(`"${header}" header must be a map`);
    const decoded = roundTrip(toAssertionForm(v), header);
    if (decoded === OMIT) continue;
    for (const [iface, rule] of Object.entries(decoded as Record<string, unknown>)) {
      const compiledRule = compileRule(side, iface, rule);
      compiledRule.source = (v as Record<string, unknown>)[iface];
      out[header].set(iface, compiledRule);
    }
  }
  return out;
}

const compiledCache = new WeakMap<object, CompiledDeclaration | DeclarationError>();

/**
 * Compiles (once per declaration object) or returns the DeclarationError. Declarations are
 * treated as immutable once evaluated.
 */
export function compiledOrError(decl: SnapDeclaration | undefined): CompiledDeclaration | DeclarationError {
  if (!decl) return { plugs: new Map(), slots: new Map() };
  const hit = compiledCache.get(decl);
  if (hit) return hit;
  let res: CompiledDeclaration | DeclarationError;
  try {
    res = compileDeclaration(decl);
  } catch (e) {
    if (!(e instanceof DeclarationError)) throw e;
    res = e;
  }
  compiledCache.set(decl, res);
  return res;
}

const CONSTRAINT_KEYS = new Set([
  "plug-attributes",
  "slot-attributes",
  "plug-snap-type",
  "slot-snap-type",
  "plug-publisher-id",
  "slot-publisher-id",
  "plug-snap-id",
  "slot-snap-id",
  "plug-names",
  "slot-names",
  "on-classic",
  "on-store",
  "on-brand",
  "on-model",
  "slots-per-plug",
  "plugs-per-slot",
]);

/** Keys snapd would silently ignore: almost always a typo in a declaration we write ourselves. */
function unknownKeys(decl: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const header of ["plugs", "slots"]) {
    const ifaces = decl[header];
    if (!isMap(ifaces)) continue;
    for (const [iface, rule] of Object.entries(ifaces)) {
      if (!isMap(rule)) continue;
      for (const [sub, v] of Object.entries(rule)) {
        if (!(SUBRULES as readonly string[]).includes(sub)) {
          out.push(`${header}.${iface}: unknown rule ${JSON.stringify(sub)} (use ${SUBRULES.join(", ")})`);
          continue;
        }
        for (const alt of Array.isArray(v) ? v : [v]) {
          if (!isMap(alt)) continue;
          for (const k of Object.keys(alt)) if (!CONSTRAINT_KEYS.has(k)) out.push(`${header}.${iface}.${sub}: unknown constraint ${JSON.stringify(k)}`);
        }
      }
    }
  }
  return out;
}

/**
 * Reports what is wrong with a declaration we are about to store ([] when it is usable): first
 * why snapd would refuse it (only its first problem, as snapd stops there), then rule and
 * constraint keys snapd would silently ignore, which are almost always typos.
 */
export function validateDeclaration(decl: unknown): string[] {
  if (decl === undefined || decl === null) return [];
  if (!isMap(decl)) return ["declaration must be a mapping with plugs and/or slots"];
  const extra = Object.keys(decl).filter((k) => k !== "plugs" && k !== "slots");
  if (extra.length) return extra.map((k) => `unknown declaration key ${JSON.stringify(k)}: use plugs or slots`);
  const errors: string[] = [];
  try {
    compileDeclaration(decl);
  } catch (e) {
    if (!(e instanceof DeclarationError)) throw e;
    errors.push(e.message);
  }
  return [...errors, ...unknownKeys(decl)];
}
