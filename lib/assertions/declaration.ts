/**
 * Our declaration model (lib/policy/declaration.ts `SnapDeclaration`) as snap-declaration `plugs` /
 * `slots` headers, checked against what snapd 2.57 compiles (asserts/ifacedecls.go,
 * asserts/constraint.go), and the minimum `format` those headers need (snapDeclarationFormatAnalyze):
 *
 *   1  any plugs or slots rule
 *   2  $SLOT(attr) / $PLUG(attr) / $MISSING in attribute constraints
 *   4  plug-names / slot-names constraints
 *   5  a list of alternatives inside attribute constraints
 *   (3, on-store/on-brand/on-model, is not in our model)
 *
 * A declaration snapd would refuse or read differently is refused here with the path of the
 * problem, e.g. an empty list (snapd drops empty lists when encoding, turning "matches nothing"
 * into "no constraint") or plug-snap-id in a plug rule (snapd ignores it there). Pure.
 */
import type { SnapDeclaration } from "../policy/declaration";
import { HEADER_NAME_RE, type HeaderValue } from "./headers";

/**
 * What declarationHeaders takes: our `SnapDeclaration`, plus what its evaluator also accepts at run
 * time (true/false for a whole interface rule, lists of alternatives inside attribute constraints).
 */
export interface DeclarationInput {
  plugs?: Record<string, unknown>;
  slots?: Record<string, unknown>;
}

export interface DeclarationHeaders {
  plugs?: Record<string, HeaderValue>;
  slots?: Record<string, HeaderValue>;
  /** The lowest snap-declaration format that covers the features used (0 with no rules). */
  format: number;
}

type Side = "plugs" | "slots";
type Kind = "installation" | "connection" | "auto-connection";

const SUBRULES = ["allow-installation", "deny-installation", "allow-connection", "deny-connection", "allow-auto-connection", "deny-auto-connection"] as const;

/** Constraint keys snapd compiles for each rule side and subrule kind (and our policy evaluates). */
const ALLOWED: Record<Side, Record<"installation" | "connection", readonly string[]>> = {
  plugs: {
    installation: ["plug-names", "plug-attributes", "plug-snap-type", "plug-snap-id", "on-classic"],
    connection: ["plug-names", "slot-names", "plug-attributes", "slot-attributes", "slot-snap-type", "slot-publisher-id", "slot-snap-id", "on-classic"],
  },
  slots: {
    installation: ["slot-names", "slot-attributes", "slot-snap-type", "slot-snap-id", "on-classic"],
    connection: ["plug-names", "slot-names", "plug-attributes", "slot-attributes", "plug-snap-type", "plug-publisher-id", "plug-snap-id", "on-classic"],
  },
};

const ID_RULES: Record<string, { re: RegExp; what: string }> = {
  "plug-snap-type": { re: /^(?:core|kernel|gadget|app)$/, what: "a snap type: core, kernel, gadget or app" },
  "slot-snap-type": { re: /^(?:core|kernel|gadget|app)$/, what: "a snap type: core, kernel, gadget or app" },
  "plug-snap-id": { re: /^[a-z0-9A-Z]{32}$/, what: "a 32-character snap-id" },
  "slot-snap-id": { re: /^[a-z0-9A-Z]{32}$/, what: "a 32-character snap-id" },
  "plug-publisher-id": { re: /^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28}|\$[A-Z][A-Z0-9_]*)$/, what: "an account id or a $MARKER" },
  "slot-publisher-id": { re: /^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28}|\$[A-Z][A-Z0-9_]*)$/, what: "an account id or a $MARKER" },
};

const DOLLAR_ATTR_RE = /^\$(PLUG|SLOT)\(([^,]+)\)$/;
const SPECIAL_NAME_RE = /^\$[A-Z][A-Z0-9_]*$/;

/**
 * Regexps travel to Go's RE2; JavaScript accepts more (lookaround, back-references), which snapd
 * would fail to compile. Refuse those and anything JavaScript cannot compile either.
 */
function regexpProblem(src: string): string | null {
  if (/\(\?<?[=!]|\\[1-9]|\\k</.test(src)) return "uses lookaround or back-references, which snapd's regexps (RE2) do not support";
  try {
    new RegExp(`^(${src})$`);
  } catch (err) {
    return `is not a valid regexp (${(err as Error).message})`;
  }
  return null;
}

class Analysis {
  format = 1;
  errors: string[] = [];
  need(n: number) {
    if (n > this.format) this.format = n;
  }
  err(at: string, msg: string) {
    this.errors.push(`${at}: ${msg}`);
  }
}

const isBoolish = (v: unknown): v is boolean | "true" | "false" => v === true || v === false || v === "true" || v === "false";

/** An attribute constraint (snapd's compileAttrMatcher). `hadMap`/`wasAlt` as in its compileContext. */
function attrConstraint(v: unknown, at: string, a: Analysis, hadMap: boolean, wasAlt: boolean): HeaderValue | undefined {
  if (Array.isArray(v)) {
    if (wasAlt) return void a.err(at, "cannot nest alternatives directly in alternatives");
    if (v.length === 0) return void a.err(at, "an empty list of alternatives");
    a.need(5);
    const out = v.map((x, i) => attrConstraint(x, `${at}[${i}]`, a, hadMap, true));
    return out.every((x) => x !== undefined) ? (out as HeaderValue[]) : undefined;
  }
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return void a.err(at, "an empty map of attribute constraints");
    const out: Record<string, HeaderValue> = {};
    let ok = true;
    for (const [k, x] of entries) {
      if (!HEADER_NAME_RE.test(k)) {
        a.err(at, `attribute name ${JSON.stringify(k)} cannot be used in an assertion (lowercase letters, digits and single dashes)`);
        ok = false;
        continue;
      }
      const c = attrConstraint(x, `${at}.${k}`, a, true, false);
      if (c === undefined) ok = false;
      else out[k] = c;
    }
    return ok ? out : undefined;
  }
  if (!hadMap) return void a.err(at, "the first level of attribute constraints must be a map of attribute names");
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) return void a.err(at, `${v} is not an integer`);
    return String(v);
  }
  if (typeof v !== "string") return void a.err(at, "must be a regexp, a map or a list of alternatives");
  if (v.startsWith("$")) {
    if (v === "$MISSING" || DOLLAR_ATTR_RE.test(v)) {
      a.need(2);
      return v;
    }
    return void a.err(at, `${JSON.stringify(v)} is not $MISSING, $PLUG(attribute) or $SLOT(attribute)`);
  }
  const p = regexpProblem(v);
  if (p) return void a.err(at, `${JSON.stringify(v)} ${p}`);
  return v;
}

/** snapd's compileNameMatcher: a $SPECIAL value or a regexp without spaces. */
function nameProblem(s: string): string | null {
  if (s.startsWith("$")) return SPECIAL_NAME_RE.test(s) ? null : `special value ${JSON.stringify(s)} is invalid`;
  if (/\s/.test(s)) return "a name regexp cannot contain spaces";
  const p = regexpProblem(s);
  return p && `${JSON.stringify(s)} ${p}`;
}

function stringList(v: unknown, at: string, a: Analysis, check: (s: string) => string | null): string[] | undefined {
  if (!Array.isArray(v)) return void a.err(at, "must be a list of strings");
  if (v.length === 0) return void a.err(at, "an empty list (snapd would drop it and the constraint would match everything)");
  let ok = true;
  for (const [i, s] of v.entries()) {
    const p = typeof s === "string" ? check(s) : "must be a string";
    if (p) {
      a.err(`${at}[${i}]`, p);
      ok = false;
    }
  }
  return ok ? (v as string[]) : undefined;
}

function constraintMap(v: Record<string, unknown>, at: string, side: Side, kind: Kind, a: Analysis): HeaderValue | undefined {
  const allowed = ALLOWED[side][kind === "installation" ? "installation" : "connection"];
  const entries = Object.entries(v);
  if (entries.length === 0) return void a.err(at, "an empty constraint map (snapd requires at least one constraint)");
  const out: Record<string, HeaderValue> = {};
  let ok = true;
  for (const [key, val] of entries) {
    const here = `${at}.${key}`;
    let c: HeaderValue | undefined;
    if (!allowed.includes(key)) {
      a.err(here, `not a constraint of a ${side === "plugs" ? "plug" : "slot"} rule's ${kind} subrule (allowed: ${allowed.join(", ")})`);
    } else if (key === "plug-attributes" || key === "slot-attributes") {
      c = attrConstraint(val, here, a, false, false);
    } else if (key === "plug-names" || key === "slot-names") {
      a.need(4);
      c = stringList(val, here, a, nameProblem);
    } else if (key === "on-classic") {
      if (isBoolish(val)) c = String(val);
      else a.err(here, "must be true or false");
    } else {
      const rule = ID_RULES[key];
      c = stringList(val, here, a, (s) => (rule.re.test(s) ? null : `${JSON.stringify(s)} is not ${rule.what}`));
    }
    if (c === undefined) ok = false;
    else out[key] = c;
  }
  return ok ? out : undefined;
}

function subrule(v: unknown, at: string, side: Side, kind: Kind, a: Analysis): HeaderValue | undefined {
  if (isBoolish(v)) return String(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return void a.err(at, "an empty list of alternatives");
    const out = v.map((alt, i) =>
      alt !== null && typeof alt === "object" && !Array.isArray(alt)
        ? constraintMap(alt as Record<string, unknown>, `${at}[${i}]`, side, kind, a)
        : void a.err(`${at}[${i}]`, "alternatives must be constraint maps"),
    );
    return out.every((x) => x !== undefined) ? (out as HeaderValue[]) : undefined;
  }
  if (v !== null && typeof v === "object") return constraintMap(v as Record<string, unknown>, at, side, kind, a);
  return void a.err(at, "must be true, false, a constraint map or a list of them");
}

function sideRules(rules: unknown, side: Side, a: Analysis): Record<string, HeaderValue> | undefined {
  if (rules === undefined || rules === null) return undefined;
  if (typeof rules !== "object" || Array.isArray(rules)) return void a.err(side, "must map interface names to rules");
  const out: Record<string, HeaderValue> = {};
  for (const [iface, rule] of Object.entries(rules as Record<string, unknown>)) {
    const at = `${side}.${iface}`;
    if (!HEADER_NAME_RE.test(iface)) {
      a.err(at, "not a valid interface name");
      continue;
    }
    if (isBoolish(rule)) {
      out[iface] = String(rule);
      continue;
    }
    if (rule === null || typeof rule !== "object" || Array.isArray(rule)) {
      a.err(at, "must be true, false or a map of allow-*/deny-* rules");
      continue;
    }
    const entries = Object.entries(rule as Record<string, unknown>);
    // A rule with no subrules means "every default", which is what the shortcut true means.
    if (entries.length === 0) {
      out[iface] = "true";
      continue;
    }
    const r: Record<string, HeaderValue> = {};
    for (const [name, v] of entries) {
      if (!(SUBRULES as readonly string[]).includes(name)) {
        a.err(`${at}.${name}`, `unknown rule (use ${SUBRULES.join(", ")})`);
        continue;
      }
      const kind = name.replace(/^(allow|deny)-/, "") as Kind;
      const c = subrule(v, `${at}.${name}`, side, kind, a);
      if (c !== undefined) r[name] = c;
    }
    out[iface] = r;
  }
  return Object.keys(out).length ? out : undefined;
}

export class DeclarationError extends Error {
  override name = "DeclarationError";
  constructor(readonly problems: string[]) {
    super(`the declaration cannot be signed: ${problems.join("; ")}`);
  }
}

/**
 * The plugs/slots headers and format for a declaration; throws DeclarationError listing every
 * problem. Empty plugs/slots are left out (format 0).
 */
export function declarationHeaders(decl: DeclarationInput | SnapDeclaration | undefined): DeclarationHeaders {
  const a = new Analysis();
  if (decl !== undefined && (decl === null || typeof decl !== "object" || Array.isArray(decl)))
    throw new DeclarationError(["must be a map with plugs and/or slots"]);
  for (const k of Object.keys(decl ?? {})) if (k !== "plugs" && k !== "slots") a.err(k, "unknown declaration key (use plugs or slots)");
  const plugs = sideRules(decl?.plugs, "plugs", a);
  const slots = sideRules(decl?.slots, "slots", a);
  if (a.errors.length) throw new DeclarationError(a.errors);
  const out: DeclarationHeaders = { format: plugs || slots ? a.format : 0 };
  if (plugs) out.plugs = plugs;
  if (slots) out.slots = slots;
  return out;
}

/** Turns plugs/slots headers back into our model ("true"/"false" become booleans). */
export function declarationFromHeaders(headers: { plugs?: HeaderValue; slots?: HeaderValue }): SnapDeclaration {
  const back = (v: HeaderValue): unknown => {
    if (v === "true") return true;
    if (v === "false") return false;
    if (typeof v === "string") return v;
    if (Array.isArray(v)) return v.map(back);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, back(x)]));
  };
  const out: SnapDeclaration = {};
  if (headers.plugs && typeof headers.plugs === "object") out.plugs = back(headers.plugs) as SnapDeclaration["plugs"];
  if (headers.slots && typeof headers.slots === "object") out.slots = back(headers.slots) as SnapDeclaration["slots"];
  return out;
}
