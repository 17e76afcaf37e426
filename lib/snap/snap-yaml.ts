/**
 * Parse and validate `meta/snap.yaml` by snapd's rules (snap/validate.go, snap/info_snap_yaml.go,
 * snap/naming, snap/epoch.go, spdx). Pure: no I/O.
 *
 * Scalar semantics follow snapd's yaml.v2 decoding: a string field receives the scalar's source text,
 * so `version: 1.0` is the version "1.0" (not the number 1). Attribute values use YAML 1.1 typing
 * (`yes`/`no` are booleans), as yaml.v2 does.
 */
import { parseDocument, isAlias, isMap, isScalar, isSeq, visit, type Document } from "yaml";

export interface ValidationError {
  field: string;
  message: string;
}
export type Confinement = "strict" | "classic" | "devmode";
export type Grade = "stable" | "devel";
export type SnapType = "app" | "base" | "gadget" | "kernel" | "snapd" | "os";

export interface PlugOrSlot {
  name: string;
  interface: string;
  attributes: Record<string, unknown>;
  /** Apps bound to it. A top-level plug/slot that no app or hook lists is bound to ALL apps (snapd). */
  apps: string[];
  /** Hooks bound to it (plugs only; slots are never bound to hooks here). */
  hooks: string[];
  /** Optional `label` attribute (snapd keeps it apart from the attributes). */
  label?: string;
  /** true when the plug/slot was never declared at top level, only listed by an app or hook. */
  implicit: boolean;
}

export interface SnapApp {
  name: string;
  command?: string;
  daemon?: string;
  daemonScope?: "system" | "user";
  stopCommand?: string;
  plugs: string[];
  slots: string[];
}

export interface SnapHook {
  name: string;
  plugs: string[];
}

export interface SnapMeta {
  name: string;
  version: string;
  title?: string;
  summary?: string;
  description?: string;
  license?: string;
  confinement: Confinement;
  grade: Grade;
  type: SnapType;
  base?: string;
  /**
   * Architectures from snap.yaml. When absent, snapd's own default for snap.yaml is `["all"]`
   * (snap/info_snap_yaml.go). snapcraft's default (the build architecture) only applies to
   * snapcraft.yaml and is already written out by the time a .snap exists.
   */
  architectures: string[];
  /** Normalised epoch: "0", "1", "1*" or `{"read":[1,2],"write":[2]}` (snapd's Epoch.String()). */
  epoch: string;
  apps: SnapApp[];
  hooks: SnapHook[];
  plugs: Record<string, PlugOrSlot>;
  slots: Record<string, PlugOrSlot>;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

/** snapd snap/naming: validSnapName, 2–40 chars. */
const SNAP_NAME_RE = /^(?:[a-z0-9]+-?)*[a-z](?:-?[a-z0-9])*$/;
export const SNAP_NAME_RULE =
  "use 2-40 lowercase letters, digits and hyphens, with at least one letter, no leading, trailing or double hyphens";

export function isValidSnapName(name: string): boolean {
  return typeof name === "string" && name.length >= 2 && name.length <= 40 && SNAP_NAME_RE.test(name);
}

const VERSION_RE = /^[a-zA-Z0-9](?:[a-zA-Z0-9:.+~-]{0,30}[a-zA-Z0-9+~])?$/;
export const VERSION_RULE =
  "use 1-32 characters from letters, digits and ':.+~-', starting with a letter or digit and ending with a letter, digit, '+' or '~'";
export function isValidVersion(v: string): boolean {
  return VERSION_RE.test(v);
}

/** snapd-style explanation of why a version is invalid (snap/validate.go ValidateVersion). */
export function versionProblem(version: string): string {
  if (version.length === 0) return "version cannot be empty";
  if (/[^\x21-\x7e]/.test(version))
    return `version ${q(version)} is invalid: must be printable, non-whitespace ASCII (${VERSION_RULE})`;
  const reasons: string[] = [];
  if (version.length > 32) reasons.push(`cannot be longer than 32 characters (got ${version.length})`);
  if (/^[^a-zA-Z0-9]/.test(version)) reasons.push(`must start with an ASCII letter or digit (not ${q(version[0])})`);
  if (version.length > 1 && /[^a-zA-Z0-9+~]$/.test(version))
    reasons.push(`must end with an ASCII letter, digit, '+' or '~' (not ${q(version[version.length - 1])})`);
  if (version.length > 2) {
    const bad = version.slice(1, -1).match(/[^a-zA-Z0-9:.+~-]+/g);
    if (bad) reasons.push(`contains invalid characters: ${bad.map((b) => q(b)).join(", ")}`);
  }
  return `version ${q(version)} is invalid: ${reasons.length ? reasons.join(", and ") : VERSION_RULE}`;
}

/** App names (snapd ValidAppName). */
const APP_NAME_RE = /^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$/;
/** Plug, slot, interface and hook names (snapd ValidatePlugName / ValidateInterfaceName / ValidHookName). */
const PLUG_NAME_RE = /^[a-z](?:-?[a-z0-9])*$/;
/** snapd appContentWhitelist, applied to command, stop-command, post-stop-command, reload-command. */
const COMMAND_RE = /^[A-Za-z0-9/. _#:$-]*$/;

export const MAX_SUMMARY = 128;
export const MAX_TITLE = 40;
export const MAX_DESCRIPTION = 4096;

export const CONFINEMENTS: readonly Confinement[] = ["strict", "classic", "devmode"];
export const GRADES: readonly Grade[] = ["stable", "devel"];
export const SNAP_TYPES: readonly SnapType[] = ["app", "base", "gadget", "kernel", "snapd", "os"];
export const ARCHITECTURES = ["amd64", "arm64", "armhf", "i386", "ppc64el", "riscv64", "s390x"] as const;

const DAEMONS = ["simple", "forking", "oneshot", "dbus", "notify"];
const DAEMON_SCOPES = ["system", "user"];
const RESTART_CONDITIONS = ["always", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog", "never"];
const STOP_MODES = [
  "sigterm", "sigterm-all", "sighup", "sighup-all", "sigusr1", "sigusr1-all",
  "sigusr2", "sigusr2-all", "sigint", "sigint-all",
];
const REFRESH_MODES = ["endure", "restart", "ignore-running"];
const INSTALL_MODES = ["enable", "disable"];

const MAX_EPOCH_LIST = 10;
const MAX_EPOCH = 2 ** 32 - 1;

/** Count Unicode code points (snapd utf8.RuneCountInString). */
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function q(v: unknown): string {
  return JSON.stringify(v) ?? String(v);
}

// ---------------------------------------------------------------------------------------------
// License (SPDX expression, syntax only)
// ---------------------------------------------------------------------------------------------

const LICENSE_ID_RE = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?[A-Za-z0-9][A-Za-z0-9.-]*\+?$/;

/**
 * Validate an SPDX-style license expression syntactically: identifiers of letters, digits, `.`, `-`
 * (optionally ending in `+`, or `LicenseRef-…` / `DocumentRef-…:LicenseRef-…`), joined by AND/OR,
 * `id WITH exception`, and parentheses. Returns null when valid, or the reason.
 */
export function validateLicenseExpression(expr: string): string | null {
  if (expr.trim() === "") return "empty license expression";
  const tokens = expr.match(/\(|\)|[^\s()]+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const isOp = (t: string | undefined) => t === "AND" || t === "OR" || t === "WITH";

  function parseId(what: string): string | null {
    const t = peek();
    if (t === undefined) return `expected ${what} at end of expression`;
    if (t === "(" || t === ")" || isOp(t)) return `expected ${what}, got ${q(t)}`;
    if (!LICENSE_ID_RE.test(t)) return `${q(t)} is not a valid license identifier`;
    pos++;
    return null;
  }
  function parseTerm(): string | null {
    if (peek() === "(") {
      pos++;
      const err = parseExpr();
      if (err) return err;
      if (peek() !== ")") return peek() === undefined ? "missing closing parenthesis" : `expected ")", got ${q(peek())}`;
      pos++;
      return null;
    }
    const err = parseId("a license identifier");
    if (err) return err;
    if (peek() === "WITH") {
      pos++;
      return parseId("an exception identifier after WITH");
    }
    return null;
  }
  function parseExpr(): string | null {
    let err = parseTerm();
    if (err) return err;
    while (peek() === "AND" || peek() === "OR") {
      pos++;
      err = parseTerm();
      if (err) return err;
    }
    return null;
  }
  const err = parseExpr();
  if (err) return err;
  if (pos < tokens.length) {
    const t = tokens[pos];
    return t === ")" ? "unbalanced closing parenthesis" : `unexpected ${q(t)}: identifiers must be joined by AND, OR or WITH`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Epoch
// ---------------------------------------------------------------------------------------------

const EPOCH_RE = /^(?:0|[1-9][0-9]*)(\*)?$/;

function parseEpochNumber(raw: string): number | string {
  if (!/^(?:0|[1-9][0-9]*)$/.test(raw)) return `epoch ${q(raw)} is invalid: must be a non-negative integer without leading zeros`;
  const n = Number(raw);
  if (n > MAX_EPOCH) return `epoch ${q(raw)} is invalid: must be less than 2^32`;
  return n;
}

function epochString(read: number[], write: number[]): string {
  if (write.length === 1 && read.length === 1 && read[0] === write[0]) return String(write[0]);
  if (write.length === 1 && read.length === 2 && read[0] + 1 === read[1] && read[1] === write[0]) return `${write[0]}*`;
  return JSON.stringify({ read, write });
}

/** Parse an epoch (scalar source text or a structured {read, write} value) into snapd's string form. */
export function parseEpoch(value: unknown, raw: string | null): { epoch: string; error?: string } {
  if (value === undefined || value === null || raw === "") return { epoch: "0" };
  if (typeof value !== "object") {
    const text = raw ?? String(value);
    const m = EPOCH_RE.exec(text);
    if (!m) return { epoch: "0", error: `epoch ${q(text)} is invalid: use N, N* or {read: [...], write: [...]}` };
    const n = parseEpochNumber(text.replace("*", ""));
    if (typeof n === "string") return { epoch: "0", error: n };
    if (m[1]) {
      if (n === 0) return { epoch: "0", error: `epoch "0*" is invalid: 0 cannot have a star` };
      return { epoch: `${n}*` };
    }
    return { epoch: String(n) };
  }
  if (Array.isArray(value)) return { epoch: "0", error: "epoch must be a number, N* or a {read, write} mapping, not a list" };
  const obj = value as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    if (k !== "read" && k !== "write") return { epoch: "0", error: `epoch has unknown key ${q(k)}: only read and write are allowed` };
  }
  const toList = (v: unknown, which: string): number[] | string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) return `epoch ${which} must be a list of integers`;
    const out: number[] = [];
    for (const item of v) {
      const n = typeof item === "number" && Number.isInteger(item) ? parseEpochNumber(String(item)) : `epoch ${which} contains ${q(item)}: must be non-negative integers`;
      if (typeof n === "string") return n;
      out.push(n);
    }
    return out;
  };
  let read = toList(obj.read, "read");
  let write = toList(obj.write, "write");
  if (typeof read === "string") return { epoch: "0", error: read };
  if (typeof write === "string") return { epoch: "0", error: write };
  if (read === undefined && write === undefined) return { epoch: "0" };
  if (read === undefined) read = write;
  if (write === undefined) write = read;
  const r = read as number[];
  const w = write as number[];
  if (r.length === 0 || w.length === 0) return { epoch: "0", error: "epoch read and write lists cannot be empty" };
  if (r.length > MAX_EPOCH_LIST || w.length > MAX_EPOCH_LIST) return { epoch: "0", error: `epoch read and write lists can have at most ${MAX_EPOCH_LIST} items` };
  for (const [which, list] of [["read", r], ["write", w]] as const) {
    for (let i = 1; i < list.length; i++) {
      if (list[i] <= list[i - 1]) return { epoch: "0", error: `epoch ${which} list ${q(list)} must be strictly increasing` };
    }
  }
  if (!r.some((x) => w.includes(x))) return { epoch: "0", error: `epoch read ${q(r)} and write ${q(w)} must have a common element` };
  return { epoch: epochString(r, w) };
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

const MAX_ALIAS_COUNT = 100;

type Path = (string | number)[];

function resolveNode(doc: Document, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 20 && isAlias(n); i++) n = n.resolve(doc);
  return n;
}

/**
 * The string a yaml.v2 `string` field would receive for the node at `path`: the scalar's source
 * text (so `1.0` stays "1.0"). Returns undefined when absent, null when YAML null, and
 * `{ notString }` when the node is a mapping or sequence.
 */
function rawAt(doc: Document, path: Path): string | null | undefined | { notString: string } {
  let node: unknown = doc.contents;
  for (const key of path) {
    node = resolveNode(doc, node);
    if (isMap(node) || isSeq(node)) {
      node = (node as { get(k: unknown, keep: true): unknown }).get(key, true);
    } else return undefined;
    if (node === undefined) return undefined;
  }
  node = resolveNode(doc, node);
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined) return null;
    if (typeof node.value === "string") return node.value;
    return node.source ?? String(node.value);
  }
  if (isMap(node)) return { notString: "a mapping" };
  if (isSeq(node)) return { notString: "a list" };
  return undefined;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `a ${typeof v}`;
}

interface Ctx {
  doc: Document;
  errors: ValidationError[];
}

function err(ctx: Ctx, field: string, message: string) {
  ctx.errors.push({ field, message });
}

/** Read an optional string field; reports an error when the value is a mapping or list. */
function str(ctx: Ctx, path: Path, field: string, fallback?: unknown): string | undefined {
  const raw = rawAt(ctx.doc, path);
  if (raw === undefined) {
    // Key not reachable through the AST (e.g. a non-string key); fall back to the JS value.
    if (fallback === undefined || fallback === null) return undefined;
    if (typeof fallback === "object") {
      err(ctx, field, `${field} must be a string, not ${kindOf(fallback)}`);
      return undefined;
    }
    return String(fallback);
  }
  if (raw === null) return undefined;
  if (typeof raw === "object") {
    err(ctx, field, `${field} must be a string, not ${raw.notString}`);
    return undefined;
  }
  return raw;
}

function stringList(ctx: Ctx, value: unknown, path: Path, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    // yaml.v2 decodes a lone scalar into []string as an error; be explicit.
    err(ctx, field, `${field} must be a list, not ${kindOf(value)}`);
    return [];
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (item === null || typeof item === "object") {
      err(ctx, field, `${field} entries must be strings, not ${kindOf(item)}`);
      return;
    }
    const raw = rawAt(ctx.doc, [...path, i]);
    out.push(typeof raw === "string" ? raw : String(item));
  });
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parsePlugOrSlotDefs(
  ctx: Ctx,
  value: unknown,
  kind: "plugs" | "slots",
): Record<string, PlugOrSlot> {
  const out: Record<string, PlugOrSlot> = {};
  if (value === undefined || value === null) return out;
  if (!isPlainObject(value)) {
    err(ctx, kind, `${kind} must be a mapping of ${kind === "plugs" ? "plug" : "slot"} names to definitions, not ${kindOf(value)}`);
    return out;
  }
  const what = kind === "plugs" ? "plug" : "slot";
  for (const [name, def] of Object.entries(value)) {
    const field = `${kind}.${name}`;
    if (!PLUG_NAME_RE.test(name)) {
      err(ctx, field, `${what} name ${q(name)} is invalid: use lowercase letters, digits and single hyphens, starting with a letter`);
    }
    let iface = name;
    let label: string | undefined;
    const attributes: Record<string, unknown> = {};
    if (def === null || def === undefined) {
      // `camera:` / `camera: null` — the interface is the name.
    } else if (typeof def === "object" && !Array.isArray(def)) {
      for (const [key, v] of Object.entries(def as Record<string, unknown>)) {
        if (key === "") {
          err(ctx, field, `${what} ${q(name)} has an empty attribute key`);
        } else if (key.startsWith("$")) {
          err(ctx, `${field}.${key}`, `${what} ${q(name)} uses reserved attribute ${q(key)}: attribute names cannot start with "$"`);
        } else if (key === "interface") {
          const raw = rawAt(ctx.doc, [kind, name, "interface"]);
          if (typeof raw !== "string") {
            err(ctx, `${field}.interface`, `interface of ${what} ${q(name)} must be a string, not ${kindOf(v)}`);
          } else iface = raw;
        } else if (key === "label") {
          const raw = rawAt(ctx.doc, [kind, name, "label"]);
          if (typeof raw !== "string") err(ctx, `${field}.label`, `label of ${what} ${q(name)} must be a string, not ${kindOf(v)}`);
          else label = raw;
        } else {
          attributes[key] = v;
        }
      }
    } else if (Array.isArray(def)) {
      err(ctx, field, `${what} ${q(name)} has a malformed definition: use an interface name or a mapping, not a list`);
    } else {
      const raw = rawAt(ctx.doc, [kind, name]);
      iface = typeof raw === "string" ? raw : String(def);
    }
    if (iface !== name && !PLUG_NAME_RE.test(iface)) {
      err(ctx, `${field}.interface`, `interface name ${q(iface)} of ${what} ${q(name)} is invalid: use lowercase letters, digits and single hyphens, starting with a letter`);
    }
    out[name] = { name, interface: iface, attributes, apps: [], hooks: [], implicit: false, ...(label !== undefined ? { label } : {}) };
  }
  return out;
}

function checkEnum(ctx: Ctx, field: string, value: string | undefined, allowed: readonly string[], what: string) {
  if (value !== undefined && !allowed.includes(value)) {
    err(ctx, field, `${what} ${q(value)} is invalid: use one of ${allowed.join(", ")}`);
  }
}

/** Find where a quoted scalar that starts at `from` (just after the opening quote) closes; -1 if not on this line. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "\\") {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

function reindentQuotedContinuations(text: string): string {
  const lines = text.split("\n");
  let open: { quote: string; indent: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open) {
      const ind = /^ */.exec(line)![0].length;
      if (ind <= open.indent) lines[i] = " ".repeat(open.indent + 1 - ind) + line;
      if (closingQuote(lines[i], 0, open.quote) >= 0) open = null;
      continue;
    }
    const m = /^( *)(?:- +)?[^\s#'"][^:#]*:[ \t]+(['"])/.exec(line);
    if (m && closingQuote(line, m[0].length, m[2]) < 0) open = { quote: m[2], indent: m[1].length };
  }
  return lines.join("\n");
}

/**
 * Parse and validate a snap.yaml. `meta` is non-null whenever the document is a mapping with a
 * non-empty string `name` (even an invalid one, or when other fields are wrong); `errors` lists
 * every violation found.
 */
export function parseSnapYaml(text: string): { meta: SnapMeta | null; errors: ValidationError[] } {
  const opts = { uniqueKeys: true, prettyErrors: true, version: "1.1" } as const;
  let doc = parseDocument(text, opts);
  if (doc.errors.length > 0) {
    // libyaml (snapd's yaml.v2, PyYAML) accepts a multi-line quoted scalar whose continuation lines
    // are not indented past its key (PyYAML writes `description: '...\n\n'` like that); the
    // `yaml` package follows the spec strictly. Retry with those lines indented, which does not
    // change the value (leading white space of a quoted scalar's continuation lines is folded away).
    const fixed = reindentQuotedContinuations(text);
    if (fixed !== text) {
      const retry = parseDocument(fixed, opts);
      if (retry.errors.length === 0) doc = retry;
    }
  }
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    const first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return {
      meta: null,
      errors: [{ field: "snap.yaml", message: `invalid YAML${line ? ` at line ${line}` : ""}: ${first}` }],
    };
  }
  // Mapping keys are names (apps, plugs, attributes): keep their source text, so a key like `n`,
  // `on` or `1.0` is not turned into false/true/1 by YAML 1.1 typing.
  visit(doc, {
    Pair(_, pair) {
      const k = pair.key;
      if (isScalar(k) && typeof k.value !== "string" && typeof k.source === "string" && k.value !== null && typeof k.value !== "symbol") {
        k.value = k.source;
      }
    },
  });
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { meta: null, errors: [{ field: "snap.yaml", message: `invalid YAML: ${msg}` }] };
  }
  if (root === null || root === undefined) root = {}; // empty document: report the missing fields
  if (!isPlainObject(root)) {
    return { meta: null, errors: [{ field: "snap.yaml", message: `snap.yaml must be a mapping, not ${kindOf(root ?? null)}` }] };
  }

  const ctx: Ctx = { doc, errors: [] };
  const y = root;

  // name
  const name = str(ctx, ["name"], "name", y.name);
  if (name === undefined || name === "") err(ctx, "name", "name is missing: snap name cannot be empty");
  else if (!isValidSnapName(name)) err(ctx, "name", `name ${q(name)} is invalid: ${SNAP_NAME_RULE}`);

  // version
  const version = str(ctx, ["version"], "version", y.version);
  if (version === undefined || version === "") err(ctx, "version", "version is missing: snap.yaml must have a version");
  else if (!isValidVersion(version)) err(ctx, "version", versionProblem(version));

  // title / summary / description
  const title = str(ctx, ["title"], "title", y.title);
  if (title !== undefined && codePoints(title) > MAX_TITLE)
    err(ctx, "title", `title can have up to ${MAX_TITLE} code points, got ${codePoints(title)}`);
  const summary = str(ctx, ["summary"], "summary", y.summary);
  if (summary !== undefined && codePoints(summary) > MAX_SUMMARY)
    err(ctx, "summary", `summary can have up to ${MAX_SUMMARY} code points, got ${codePoints(summary)}`);
  const description = str(ctx, ["description"], "description", y.description);
  if (description !== undefined && codePoints(description) > MAX_DESCRIPTION)
    err(ctx, "description", `description can have up to ${MAX_DESCRIPTION} code points, got ${codePoints(description)}`);

  // license
  const license = str(ctx, ["license"], "license", y.license);
  if (license !== undefined && license !== "") {
    const why = validateLicenseExpression(license);
    if (why) err(ctx, "license", `license ${q(license)} is not a valid SPDX expression: ${why}`);
  }

  // enums
  const confinementRaw = str(ctx, ["confinement"], "confinement", y.confinement);
  checkEnum(ctx, "confinement", confinementRaw, CONFINEMENTS, "confinement");
  const confinement: Confinement = CONFINEMENTS.includes(confinementRaw as Confinement) ? (confinementRaw as Confinement) : "strict";
  const gradeRaw = str(ctx, ["grade"], "grade", y.grade);
  checkEnum(ctx, "grade", gradeRaw, GRADES, "grade");
  const grade: Grade = GRADES.includes(gradeRaw as Grade) ? (gradeRaw as Grade) : "stable";
  const typeRaw = str(ctx, ["type"], "type", y.type);
  checkEnum(ctx, "type", typeRaw, SNAP_TYPES, "type");
  const type: SnapType = SNAP_TYPES.includes(typeRaw as SnapType) ? (typeRaw as SnapType) : "app";

  // base
  const base = str(ctx, ["base"], "base", y.base);
  if (base !== undefined && base !== "") {
    if (base.includes("_")) err(ctx, "base", `base ${q(base)} is invalid: a base cannot specify an instance key`);
    else if (base !== "none" && !isValidSnapName(base)) err(ctx, "base", `base ${q(base)} is invalid: a base is a snap name; ${SNAP_NAME_RULE}`);
    if ((type === "base" || type === "os") && base !== "none")
      err(ctx, "base", `a ${q(type)} snap cannot have a "base" field (got ${q(base)})`);
  }

  // architectures
  let architectures: string[] = ["all"];
  if (y.architectures !== undefined && y.architectures !== null) {
    const archs = stringList(ctx, y.architectures, ["architectures"], "architectures");
    for (const a of archs) {
      if (a !== "all" && !(ARCHITECTURES as readonly string[]).includes(a))
        err(ctx, "architectures", `architecture ${q(a)} is invalid: use ${ARCHITECTURES.join(", ")} or all`);
    }
    if (archs.includes("all") && archs.length > 1)
      err(ctx, "architectures", `architectures ${q(archs)} is invalid: "all" cannot be combined with other architectures`);
    const seen = new Set<string>();
    for (const a of archs) {
      if (seen.has(a)) err(ctx, "architectures", `architecture ${q(a)} is listed more than once`);
      seen.add(a);
    }
    if (archs.length > 0) architectures = archs;
  }

  // epoch
  const epochRaw = rawAt(doc, ["epoch"]);
  const ep = parseEpoch(y.epoch, typeof epochRaw === "string" ? epochRaw : null);
  if (ep.error) err(ctx, "epoch", ep.error);

  // plugs / slots (top level)
  const plugs = parsePlugOrSlotDefs(ctx, y.plugs, "plugs");
  const slots = parsePlugOrSlotDefs(ctx, y.slots, "slots");

  // apps
  const apps: SnapApp[] = [];
  if (y.apps !== undefined && y.apps !== null) {
    if (!isPlainObject(y.apps)) err(ctx, "apps", `apps must be a mapping of app names to definitions, not ${kindOf(y.apps)}`);
    else {
      for (const [appName, def] of Object.entries(y.apps)) {
        const field = `apps.${appName}`;
        if (!APP_NAME_RE.test(appName))
          err(ctx, field, `app name ${q(appName)} is invalid: use letters, digits and single hyphens, starting and ending with a letter or digit`);
        const app: SnapApp = { name: appName, plugs: [], slots: [] };
        if (def !== null && def !== undefined && !isPlainObject(def)) {
          err(ctx, field, `app ${q(appName)} must be a mapping, not ${kindOf(def)}`);
          apps.push(app);
          continue;
        }
        const d = (def ?? {}) as Record<string, unknown>;
        const s = (key: string) => str(ctx, ["apps", appName, key], `${field}.${key}`, d[key]);
        for (const key of ["command", "stop-command", "post-stop-command", "reload-command"]) {
          const v = s(key);
          if (v !== undefined && !COMMAND_RE.test(v))
            err(ctx, `${field}.${key}`, `app ${q(appName)} ${key} ${q(v)} contains illegal characters: use only letters, digits, spaces and /._#:$-`);
          if (key === "command" && v !== undefined) app.command = v;
          if (key === "stop-command" && v !== undefined) app.stopCommand = v;
        }
        const daemon = s("daemon");
        checkEnum(ctx, `${field}.daemon`, daemon, DAEMONS, `app ${q(appName)} daemon`);
        if (daemon !== undefined) app.daemon = daemon;
        const scope = s("daemon-scope");
        checkEnum(ctx, `${field}.daemon-scope`, scope, DAEMON_SCOPES, `app ${q(appName)} daemon-scope`);
        if (scope !== undefined && daemon === undefined)
          err(ctx, `${field}.daemon-scope`, `app ${q(appName)} sets daemon-scope but is not a daemon`);
        if (scope === "system" || scope === "user") app.daemonScope = scope;
        else if (daemon !== undefined) app.daemonScope = "system";
        checkEnum(ctx, `${field}.restart-condition`, s("restart-condition"), RESTART_CONDITIONS, `app ${q(appName)} restart-condition`);
        checkEnum(ctx, `${field}.stop-mode`, s("stop-mode"), STOP_MODES, `app ${q(appName)} stop-mode`);
        const refreshMode = s("refresh-mode");
        checkEnum(ctx, `${field}.refresh-mode`, refreshMode, REFRESH_MODES, `app ${q(appName)} refresh-mode`);
        checkEnum(ctx, `${field}.install-mode`, s("install-mode"), INSTALL_MODES, `app ${q(appName)} install-mode`);
        // Fields snapd only accepts on services (snap/validate.go ValidateApp).
        for (const key of ["stop-mode", "install-mode", "restart-condition", "restart-delay", "stop-timeout", "start-timeout", "watchdog-timeout", "timer", "before", "after"]) {
          if (d[key] !== undefined && d[key] !== null && daemon === undefined)
            err(ctx, `${field}.${key}`, `app ${q(appName)} cannot use ${key}: it is only for services (set daemon)`);
        }
        // refresh-mode endure/restart are for services; ignore-running is for non-services.
        if ((refreshMode === "endure" || refreshMode === "restart") && daemon === undefined)
          err(ctx, `${field}.refresh-mode`, `app ${q(appName)} cannot use refresh-mode ${q(refreshMode)}: it is only for services (set daemon)`);
        if (refreshMode === "ignore-running" && daemon !== undefined)
          err(ctx, `${field}.refresh-mode`, `app ${q(appName)} cannot use refresh-mode "ignore-running": it is only for apps that are not services`);
        app.plugs = stringList(ctx, d.plugs, ["apps", appName, "plugs"], `${field}.plugs`);
        app.slots = stringList(ctx, d.slots, ["apps", appName, "slots"], `${field}.slots`);
        apps.push(app);
      }
    }
  }

  // hooks
  const hooks: SnapHook[] = [];
  if (y.hooks !== undefined && y.hooks !== null) {
    if (!isPlainObject(y.hooks)) err(ctx, "hooks", `hooks must be a mapping of hook names to definitions, not ${kindOf(y.hooks)}`);
    else {
      for (const [hookName, def] of Object.entries(y.hooks)) {
        const field = `hooks.${hookName}`;
        if (!PLUG_NAME_RE.test(hookName))
          err(ctx, field, `hook name ${q(hookName)} is invalid: use lowercase letters, digits and single hyphens, starting with a letter`);
        if (def !== null && def !== undefined && !isPlainObject(def)) {
          err(ctx, field, `hook ${q(hookName)} must be a mapping, not ${kindOf(def)}`);
          hooks.push({ name: hookName, plugs: [] });
          continue;
        }
        const d = (def ?? {}) as Record<string, unknown>;
        hooks.push({ name: hookName, plugs: stringList(ctx, d.plugs, ["hooks", hookName, "plugs"], `${field}.plugs`) });
        if (d.slots !== undefined && d.slots !== null) err(ctx, `${field}.slots`, `hook ${q(hookName)} cannot have slots`);
      }
    }
  }

  if (base === "none" && (apps.length > 0 || hooks.length > 0))
    err(ctx, "base", `a snap with base "none" cannot have apps or hooks`);

  // Bind app/hook references; implicit plugs/slots take the interface named like them.
  const bindRef = (
    table: Record<string, PlugOrSlot>,
    refName: string,
    owner: { app?: string; hook?: string },
    field: string,
    what: string,
  ) => {
    if (!PLUG_NAME_RE.test(refName)) {
      err(ctx, field, `${what} name ${q(refName)} is invalid: use lowercase letters, digits and single hyphens, starting with a letter`);
      return;
    }
    let p = Object.prototype.hasOwnProperty.call(table, refName) ? table[refName] : undefined;
    if (!p) {
      p = { name: refName, interface: refName, attributes: {}, apps: [], hooks: [], implicit: true };
      table[refName] = p;
    }
    if (owner.app && !p.apps.includes(owner.app)) p.apps.push(owner.app);
    if (owner.hook && !p.hooks.includes(owner.hook)) p.hooks.push(owner.hook);
  };
  const declaredPlugs = new Set(Object.keys(plugs));
  const declaredSlots = new Set(Object.keys(slots));
  for (const app of apps) {
    for (const p of app.plugs) bindRef(plugs, p, { app: app.name }, `apps.${app.name}.plugs`, "plug");
    for (const sl of app.slots) bindRef(slots, sl, { app: app.name }, `apps.${app.name}.slots`, "slot");
  }
  for (const hook of hooks) {
    for (const p of hook.plugs) bindRef(plugs, p, { hook: hook.name }, `hooks.${hook.name}.plugs`, "plug");
  }
  // Top-level plugs/slots no app (or hook) uses are bound to every app (and, for plugs, every hook).
  for (const p of Object.values(plugs)) {
    if (declaredPlugs.has(p.name) && p.apps.length === 0 && p.hooks.length === 0) {
      p.apps = apps.map((a) => a.name);
      p.hooks = hooks.map((h) => h.name);
      for (const a of apps) if (!a.plugs.includes(p.name)) a.plugs.push(p.name);
      for (const h of hooks) if (!h.plugs.includes(p.name)) h.plugs.push(p.name);
    }
  }
  for (const sl of Object.values(slots)) {
    if (declaredSlots.has(sl.name) && sl.apps.length === 0) {
      sl.apps = apps.map((a) => a.name);
      for (const a of apps) if (!a.slots.includes(sl.name)) a.slots.push(sl.name);
    }
  }
  for (const n of Object.keys(plugs)) {
    if (Object.prototype.hasOwnProperty.call(slots, n))
      err(ctx, `plugs.${n}`, `cannot have a plug and a slot with the same name: ${q(n)}`);
  }

  const meta: SnapMeta | null =
    name === undefined || name === ""
      ? null
      : {
          name,
          version: version ?? "",
          ...(title !== undefined ? { title } : {}),
          ...(summary !== undefined ? { summary } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(license !== undefined && license !== "" ? { license } : {}),
          confinement,
          grade,
          type,
          ...(base !== undefined && base !== "" ? { base } : {}),
          architectures,
          epoch: ep.epoch,
          apps,
          hooks,
          plugs,
          slots,
        };
  return { meta, errors: ctx.errors };
}

