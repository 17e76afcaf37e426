/**
 * Attribute constraints of declaration rules (`plug-attributes`, `slot-attributes`), compiled and
 * matched the way snapd 2.57 does it (asserts/constraint.go). Pure.
 *
 * What a constraint means:
 * - a map: every key must match (keys in any order). At the top level a key is a dotted path
 *   into the attributes ("a.b"); below it a key is a plain key.
 * - a list: alternatives, one must match. The top-level constraint may be a list of maps.
 * - a string: a regular expression in Go's RE2 syntax, anchored as `^(…)$` (so `(?i)` and `|`
 *   work on the whole value), `$MISSING` (the attribute must be absent) or `$PLUG(path)` /
 *   `$SLOT(path)` (equal to the other side's attribute; only when connecting).
 * - matching a LIST attribute applies the constraint to every element (an empty list matches
 *   anything); a map constraint against a list of maps does the same.
 * - only strings, booleans and integers match a regular expression: a float, a map or a
 *   missing attribute never does. `$MISSING` among alternatives never matches a missing attribute
 *   (snapd checks presence before it looks at the alternatives).
 *
 * Regular expressions run on re2js, a port of the same RE2 engine Go uses: same syntax, linear
 * time whatever the pattern and the attribute, so a hostile value cannot stall a review.
 */
import { RE2JS } from "re2js";

/** An attribute value as snapd holds it: string, bool, int64, float64, list or map. */
export type AttrValue = string | boolean | number | bigint | AttrValue[] | { [key: string]: AttrValue };

/**
 * Whether a number is a float to snapd. YAML's `1.5` or `.inf` is; an integral JS number is taken
 * as an integer (a snap.yaml float written `1.0` reaches us as 1, see lib/snap/snap-yaml.ts).
 */
export function isFloat(v: unknown): boolean {
  return typeof v === "number" && !Number.isInteger(v);
}

export type AttrMatcher =
  | { kind: "map"; entries: [string, AttrMatcher][] }
  | { kind: "alt"; alts: AttrMatcher[] }
  | { kind: "regexp"; source: string; re: RE2JS }
  | { kind: "missing" }
  | { kind: "eval"; op: "PLUG" | "SLOT"; arg: string }
  | { kind: "fixed"; ok: boolean };

export const ALWAYS_MATCH: AttrMatcher = Object.freeze({ kind: "fixed", ok: true });
export const NEVER_MATCH: AttrMatcher = Object.freeze({ kind: "fixed", ok: false });

/** A constraint that snapd refuses to compile (the whole declaration is then invalid). */
export class ConstraintError extends Error {}

interface CompileCtx {
  dotted: string;
  hadMap: boolean;
  wasAlt: boolean;
}

function isPlainMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const EVAL_RE = /^\$([A-Z]+)\(([^,]+)(?:,([^,]+))?\)$/;

/**
 * Compiles a Go (RE2) regular expression anchored as snapd anchors it. Throws ConstraintError with
 * the engine's message when Go would refuse it (look-arounds, back-references, `(?<name>` which
 * Go 1.19 does not know, repeat counts over 1000, …).
 */
export function compileGoRegexp(src: string): RE2JS {
  if (hasAngleGroup(src)) throw new ConstraintError(`error parsing regexp: invalid or unsupported Perl syntax: \`(?<\``);
  try {
    return RE2JS.compile(`^(${src})$`);
  } catch (e) {
    throw new ConstraintError(e instanceof Error ? e.message : String(e));
  }
}

/** `(?<` outside escapes and character classes: re2js accepts `(?<name>…)`, Go 1.19's regexp does not. */
function hasAngleGroup(src: string): boolean {
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (src[i + 1] === "^") i++;
      if (src[i + 1] === "]") i++; // a leading ] is a literal
      continue;
    }
    if (c === "(" && src[i + 1] === "?" && src[i + 2] === "<") return true;
  }
  return false;
}

function compile(cc: CompileCtx, c: unknown): AttrMatcher {
  if (isPlainMap(c)) {
    const entries: [string, AttrMatcher][] = [];
    for (const [k, v] of Object.entries(c)) {
      entries.push([k, compile({ dotted: cc.dotted ? `${cc.dotted}.${k}` : k, hadMap: true, wasAlt: false }, v)]);
    }
    return { kind: "map", entries };
  }
  if (Array.isArray(c)) {
    if (cc.wasAlt) throw new ConstraintError(`cannot nest alternative constraints directly at "${cc.dotted}"`);
    return {
      kind: "alt",
      alts: c.map((alt, i) => compile({ dotted: `${cc.dotted}/alt#${i + 1}/`, hadMap: cc.hadMap, wasAlt: true }, alt)),
    };
  }
  if (typeof c === "string") {
    if (!cc.hadMap) throw new ConstraintError("first level of non alternative constraints must be a set of key-value contraints");
    if (c.startsWith("$")) {
      if (c === "$MISSING") return { kind: "missing" };
      const m = EVAL_RE.exec(c);
      if (!m || (m[1] !== "PLUG" && m[1] !== "SLOT")) {
        throw new ConstraintError(`cannot compile "${cc.dotted}" constraint "${c}": not a valid $SLOT()/$PLUG() constraint`);
      }
      if (m[3] !== undefined) throw new ConstraintError(`cannot compile "${cc.dotted}" constraint "${c}": $${m[1]}() constraint expects 1 argument`);
      return { kind: "eval", op: m[1], arg: m[2] };
    }
    try {
      return { kind: "regexp", source: c, re: compileGoRegexp(c) };
    } catch (e) {
      throw new ConstraintError(`cannot compile "${cc.dotted}" constraint "${c}": ${(e as Error).message}`);
    }
  }
  const where = cc.dotted === "" ? "top constraint" : `constraint "${cc.dotted}"`;
  throw new ConstraintError(`${where} must be a key-value map, regexp or a list of alternative constraints: ${JSON.stringify(c)}`);
}

/** Compiles a `plug-attributes` / `slot-attributes` value (already in assertion form: strings, lists, maps). */
export function compileAttributeConstraints(constraints: unknown): AttrMatcher {
  return compile({ dotted: "", hadMap: false, wasAlt: false }, constraints);
}

/** Whether a compiled matcher uses `$PLUG()`/`$SLOT()`/`$MISSING` (snapd's declaration format 2). */
export function usesDollarConstraints(m: AttrMatcher): boolean {
  switch (m.kind) {
    case "missing":
    case "eval":
      return true;
    case "map":
      return m.entries.some(([, e]) => usesDollarConstraints(e));
    case "alt":
      return m.alts.some(usesDollarConstraints);
    default:
      return false;
  }
}

/** The other side of a connection, for `$PLUG()`/`$SLOT()`. Absent at installation. */
export interface AttrHelper {
  plug: Record<string, unknown>;
  slot: Record<string, unknown>;
}

/** Dotted-path lookup as snapd's Lookup does it ("a.b" -> attrs.a.b; empty parts are skipped). */
export function lookupAttr(attrs: Record<string, unknown>, path: string): { found: boolean; value?: unknown } {
  const parts = path.split(".").filter((p) => p !== "");
  if (parts.length === 0) return { found: false };
  let v: unknown = attrs;
  for (const p of parts) {
    if (!isPlainMap(v) || !Object.prototype.hasOwnProperty.call(v, p)) return { found: false };
    v = v[p];
  }
  return { found: true, value: v };
}

/** Go's reflect.DeepEqual over attribute values: same kinds (int is not float), maps by key, lists in order. */
export function attrEqual(a: unknown, b: unknown): boolean {
  if (isNumeric(a) || isNumeric(b)) {
    if (!isNumeric(a) || !isNumeric(b)) return false;
    if (isFloat(a) !== isFloat(b)) return false;
    if (isFloat(a)) return a === b; // NaN != NaN, as in Go
    return BigInt(a) === BigInt(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => attrEqual(x, b[i]));
  }
  if (isPlainMap(a) || isPlainMap(b)) {
    if (!isPlainMap(a) || !isPlainMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && attrEqual(a[k], b[k]));
  }
  return a === b;
}

function isNumeric(v: unknown): v is number | bigint {
  return typeof v === "number" || typeof v === "bigint";
}

/** A scalar as a regular expression sees it, or null when it cannot be matched (float, map). */
function scalarText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "number" && !isFloat(v)) return Object.is(v, -0) ? "0" : v.toFixed(0);
  return null;
}

const ROOT = Symbol("root");
type Root = { [ROOT]: Record<string, unknown> };

/** Returns null when the value matches, else why not (snapd's wording). */
function match(m: AttrMatcher, path: string, v: unknown, helper: AttrHelper | undefined): string | null {
  switch (m.kind) {
    case "fixed":
      return m.ok ? null : "not allowed";
    case "missing":
      return v === undefined ? null : `attribute "${path}" is constrained to be missing but is set`;
    case "eval": {
      if (!helper) return `attribute "${path}" cannot be matched without context`;
      const other = lookupAttr(m.op === "PLUG" ? helper.plug : helper.slot, m.arg);
      if (!other.found) return `attribute "${path}" constraint $${m.op}(${m.arg}) cannot be evaluated: ${m.op.toLowerCase()} attribute "${m.arg}" not found`;
      return attrEqual(v, other.value) ? null : `attribute "${path}" does not match $${m.op}(${m.arg})`;
    }
    case "regexp": {
      if (Array.isArray(v)) return matchList(m, path, v, helper);
      const s = scalarText(v);
      if (s === null) return `attribute "${path}" must be a scalar or list`;
      return m.re.test(s) ? null : `attribute "${path}" value "${s}" does not match ^(${m.source})$`;
    }
    case "alt": {
      if (Array.isArray(v)) return matchList(m, path, v, helper);
      let first: string | null = null;
      for (const alt of m.alts) {
        const err = match(alt, path, v, helper);
        if (err === null) return null;
        first ??= err;
      }
      return `no alternative${path ? ` for attribute "${path}"` : ""} matches: ${first}`;
    }
    case "map": {
      if (typeof v === "object" && v !== null && ROOT in v) {
        const attrs = (v as Root)[ROOT];
        for (const [k, sub] of m.entries) {
          const err = matchEntry(k, sub, lookupAttr(attrs, k).value, helper);
          if (err) return err;
        }
        return null;
      }
      if (Array.isArray(v)) return matchList(m, path, v, helper);
      if (!isPlainMap(v)) return `attribute "${path}" must be a map`;
      for (const [k, sub] of m.entries) {
        const err = matchEntry(path ? `${path}.${k}` : k, sub, Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined, helper);
        if (err) return err;
      }
      return null;
    }
  }
}

function matchEntry(path: string, m: AttrMatcher, v: unknown, helper: AttrHelper | undefined): string | null {
  if (m.kind !== "missing" && v === undefined) return `attribute "${path}" has constraints but is unset`;
  return match(m, path, v, helper);
}

function matchList(m: AttrMatcher, path: string, list: unknown[], helper: AttrHelper | undefined): string | null {
  for (let i = 0; i < list.length; i++) {
    const err = match(m, path ? `${path}.${i}` : String(i), list[i], helper);
    if (err) return err;
  }
  return null;
}

/** Checks a plug's or slot's attributes against compiled constraints: null when they match, else why not. */
export function checkAttributes(m: AttrMatcher, attrs: Record<string, unknown>, helper?: AttrHelper): string | null {
  return match(m, "", { [ROOT]: attrs } as Root, helper);
}
