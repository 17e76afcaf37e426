/**
 * Rules on a decoded snap (snapd 2.57.6 snap/validate.go Validate, plus the system-usernames check
 * snapd makes when it installs a snap), and the few rules the store adds on top of snapd, marked
 * `storeOnly` (snapd alone would accept the snap; review-tools and the store refuse it):
 *   - summary longer than 128 characters (snapd 2.57 does not check summaries at all);
 *   - grade other than stable/devel (snapd 2.57's snap.yaml reader ignores grade);
 *   - unknown, repeated or mixed-with-"all" architectures (snapd only compares them with the
 *     device's architecture at install time);
 *   - a key written twice in one YAML mapping (yaml.v2 silently keeps the last one);
 *   - invalid plug, slot and interface names (snapd drops such plugs and slots with a warning),
 *     and a plug and a slot of one name when snapd would drop one of them (unknown interface);
 *   - the count limits of limits.ts.
 * Pure; every rule pushes {field, message} and the caller gets them all.
 */
import { validateEpoch } from "./epoch";
import type { LayoutInfo, SnapInfo } from "./info-snap-yaml";
import { validateApps, COMMAND_CHAIN_RE } from "./validate-app";
import {
  ALIAS_RE,
  DEFAULT_PROVENANCE,
  isValidPlugName,
  isValidSnapName,
  PLUG_NAME_RULE,
  PROVENANCE_RE,
  SNAP_NAME_RULE,
  SUPPORTED_SYSTEM_USERNAMES,
  SYSTEM_USERNAME_RE,
} from "./naming";
import { cleanPath, expandSnapVariables, hasAppArmorChars, pathVariablesProblem } from "./paths";
import { SNAPD_INTERFACES } from "./snapd-interfaces";
import { validateLicenseExpression } from "./spdx";
import { q } from "./yaml-decode";
import type { ValidationError } from "./yaml-tree";

export const MAX_SUMMARY = 128;
export const MAX_TITLE = 40;
export const MAX_DESCRIPTION = 4096;
export const ARCHITECTURES = ["amd64", "arm64", "armhf", "i386", "ppc64el", "riscv64", "s390x"] as const;
export const GRADES = ["stable", "devel"] as const;

const VERSION_RE = /^[a-zA-Z0-9](?:[a-zA-Z0-9:.+~-]{0,30}[a-zA-Z0-9+~])?$/;
export const VERSION_RULE = "use 1-32 characters from letters, digits and ':.+~-', starting with a letter or digit and ending with a letter, digit, '+' or '~'";
export function isValidVersion(v: string): boolean {
  return VERSION_RE.test(v);
}

/** snapd-style explanation of why a version is invalid (snap/validate.go ValidateVersion). */
export function versionProblem(version: string): string {
  if (version.length === 0) return "version cannot be empty";
  if (/[^\x21-\x7e]/.test(version)) return `version ${q(version)} is invalid: must be printable, non-whitespace ASCII (${VERSION_RULE})`;
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

/** Count Unicode code points (snapd utf8.RuneCountInString). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

type Report = (field: string, message: string) => void;

function validateTexts(info: SnapInfo, report: Report, store: Report): void {
  for (const [field, value, max, who] of [
    ["title", info.title, MAX_TITLE, report],
    ["description", info.description, MAX_DESCRIPTION, report],
    ["summary", info.summary, MAX_SUMMARY, store],
  ] as const) {
    const n = codePoints(value);
    if (n > max) who(field, `${field} can have up to ${max} code points, got ${n}`);
  }
}

function validateIdentity(info: SnapInfo, report: Report): void {
  if (info.name === "") report("name", "name is missing: snap name cannot be empty");
  else if (!isValidSnapName(info.name)) report("name", `name ${q(info.name)} is invalid: ${SNAP_NAME_RULE}`);
  if (info.provenance === DEFAULT_PROVENANCE) report("provenance", `provenance cannot be set to ${q(DEFAULT_PROVENANCE)}: it is the default`);
  else if (info.provenance !== "" && !PROVENANCE_RE.test(info.provenance))
    report("provenance", `provenance ${q(info.provenance)} is invalid: use letters, digits and single hyphens`);
  if (info.version === "") report("version", "version is missing: snap.yaml must have a version");
  else if (!isValidVersion(info.version)) report("version", versionProblem(info.version));
  if (info.license !== "") {
    const why = validateLicenseExpression(info.license);
    if (why) report("license", `license ${q(info.license)} is not a valid SPDX expression: ${why}`);
  }
}

/** snapd ValidateBase. */
function validateBase(info: SnapInfo, report: Report): void {
  const { base, type } = info;
  if ((type === "os" || type === "base") && base !== "" && base !== "none") report("base", `a ${q(type)} snap cannot have a "base" field (got ${q(base)})`);
  if (base === "none" && (info.apps.length > 0 || info.hooks.length > 0)) report("base", `a snap with base "none" cannot have apps or hooks`);
  if (base !== "") {
    if (base.includes("_")) report("base", `base ${q(base)} is invalid: a base cannot specify an instance key`);
    else if (!isValidSnapName(base)) report("base", `base ${q(base)} is invalid: a base is a snap name; ${SNAP_NAME_RULE}`);
  }
}

function validateAliases(info: SnapInfo, report: Report): void {
  const owner = new Map<string, string>();
  for (const app of info.apps) {
    for (const alias of app.aliases) {
      const prev = owner.get(alias);
      if (prev !== undefined) report(`apps.${app.name}.aliases`, `alias ${q(alias)} is set for both app ${q(prev)} and app ${q(app.name)}`);
      owner.set(alias, app.name);
      if (!ALIAS_RE.test(alias))
        report(`apps.${app.name}.aliases`, `alias ${q(alias)} of app ${q(app.name)} is invalid: use only letters, digits, dash, underscore and dot characters`);
    }
  }
}

function validateHooks(info: SnapInfo, report: Report): void {
  for (const hook of info.hooks) {
    if (!isValidPlugName(hook.name)) report(`hooks.${hook.name}`, `hook name ${q(hook.name)} is invalid: ${PLUG_NAME_RULE}`);
    for (const value of hook.commandChain) {
      if (!COMMAND_CHAIN_RE.test(value))
        report(
          `hooks.${hook.name}.command-chain`,
          `hook ${q(hook.name)} command-chain entry ${q(value)} contains illegal characters: use only letters, digits and /._#:$-`,
        );
    }
  }
}

/** Where a plug/slot name was written, for the error's field. */
function plugSlotField(info: SnapInfo, kind: "plugs" | "slots", name: string): string {
  const ps = info[kind][name];
  if (!ps.implicit) return `${kind}.${name}`;
  const app = info.apps.find((a) => a[kind].includes(name));
  if (app) return `apps.${app.name}.${kind}`;
  const hook = info.hooks.find((h) => h[kind].includes(name));
  return hook ? `hooks.${hook.name}.${kind}` : kind;
}

/**
 * Plug/slot names and interface names. snapd does not refuse a snap for these: its interfaces
 * package drops such a plug or slot with a warning before validation (builtin.SanitizePlugsSlots:
 * an invalid name, or an interface name it does not know, which an invalid one never is). The
 * store refuses them (storeOnly), so that the publisher learns of it rather than shipping a snap
 * whose plug silently does nothing.
 */
function validatePlugsSlots(info: SnapInfo, report: Report, store: Report): void {
  for (const kind of ["plugs", "slots"] as const) {
    const what = kind === "plugs" ? "plug" : "slot";
    for (const name of Object.keys(info[kind])) {
      const ps = info[kind][name];
      const field = plugSlotField(info, kind, name);
      if (!isValidPlugName(name)) store(field, `${what} name ${q(name)} is invalid: ${PLUG_NAME_RULE}`);
      else if (!isValidPlugName(ps.interface))
        store(`${field}.interface`, `interface name ${q(ps.interface)} of ${what} ${q(name)} is invalid: ${PLUG_NAME_RULE}`);
    }
  }
  for (const name of Object.keys(info.plugs)) {
    if (!Object.prototype.hasOwnProperty.call(info.slots, name)) continue;
    // snapd only sees the clash when it keeps both: it drops a plug or slot whose interface it does
    // not know (an implicit one's interface is its name). Whether an interface's own attribute
    // checks drop it too is interface policy, not modelled here.
    const known = SNAPD_INTERFACES.has(info.plugs[name].interface) && SNAPD_INTERFACES.has(info.slots[name].interface);
    (known ? report : store)(`plugs.${name}`, `cannot have a plug and a slot with the same name: ${q(name)}`);
  }
}

/** snapd ValidateSystemUsernames, and the check snapd makes at install (snapstate validateSystemUsernames). */
function validateSystemUsernames(info: SnapInfo, report: Report): void {
  for (const { name, scope } of info.systemUsernames) {
    const field = `system-usernames.${name}`;
    if (!SYSTEM_USERNAME_RE.test(name)) report(field, `system username ${q(name)} is invalid`);
    else if (!(SUPPORTED_SYSTEM_USERNAMES as readonly string[]).includes(name)) {
      report(field, `unsupported system username ${q(name)}: snapd only creates ${SUPPORTED_SYSTEM_USERNAMES.join(" and ")}`);
    } else if (scope !== "" && scope !== "shared") {
      const why = scope === "private" || scope === "external" ? " by this version of snapd" : "";
      report(field, `system username ${q(name)} uses scope ${q(scope)}, which is not supported${why}: use shared`);
    }
  }
}

const LINKS_KEY_RE = /^[a-zA-Z](?:-?[a-zA-Z0-9])*$/;

/** The parts of Go's url.Parse that can fail on a link, and its scheme. */
function parseUrl(link: string): { scheme: string } | { error: string } {
  if (/[\x00-\x1f\x7f]/.test(link)) return { error: "contains a control character" };
  const [beforeFragment, ...fragment] = link.split("#");
  const badEscape = (s: string) => /%(?![0-9a-fA-F]{2})/.test(s);
  if (fragment.length > 0 && badEscape(fragment.join("#"))) return { error: "has an invalid escape" };
  let scheme = "";
  let rest = beforeFragment;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(":")) return { error: "is missing a protocol scheme" };
  if (m) {
    scheme = m[1].toLowerCase();
    rest = rest.slice(m[0].length);
  }
  rest = rest.split("?")[0];
  if (scheme === "" && !rest.startsWith("/") && rest.split("/")[0].includes(":")) return { error: "has a colon in its first path segment" };
  if ((scheme !== "" || rest.startsWith("//")) && rest.startsWith("//")) {
    const authority = rest.slice(2).split("/")[0];
    const host = authority.slice(authority.lastIndexOf("@") + 1);
    const port = host.startsWith("[") ? host.slice(host.indexOf("]") + 1) : host.slice(host.indexOf(":") >= 0 ? host.indexOf(":") : host.length);
    if (port !== "" && !/^:[0-9]*$/.test(port)) return { error: "has an invalid port" };
    if (badEscape(authority)) return { error: "has an invalid escape" };
  }
  if (badEscape(rest)) return { error: "has an invalid escape" };
  return { scheme };
}

/** snapd ValidateLinks. */
function validateLinks(info: SnapInfo, report: Report): void {
  for (const [key, links] of info.links) {
    const field = `links.${key}`;
    if (key === "") report("links", "a links key cannot be empty");
    else if (!LINKS_KEY_RE.test(key)) report(field, `links key ${q(key)} is invalid: use letters, digits and single hyphens, starting with a letter`);
    else if (links.length === 0) report(field, `${q(key)} links cannot be specified and empty`);
    for (const link of links) {
      if (link === "") {
        report(field, `empty ${q(key)} link`);
        continue;
      }
      const u = parseUrl(link);
      if ("error" in u) report(field, `${q(key)} link ${q(link)} is invalid: it ${u.error}`);
      else if (u.scheme === "" || u.scheme === "mailto") {
        if (!link.includes("@")) report(field, `${q(key)} link ${q(link)} is not a valid email address`);
      } else if (u.scheme !== "http" && u.scheme !== "https") report(field, `${q(key)} link ${q(link)} must use http or https, or be an email address`);
    }
  }
}

function validateCommonIds(info: SnapInfo, report: Report): void {
  const seen = new Map<string, string>();
  for (const app of info.apps) {
    if (app.commonId === "") continue;
    const other = seen.get(app.commonId);
    if (other !== undefined)
      report(`apps.${app.name}.common-id`, `app ${q(app.name)} common-id ${q(app.commonId)} must be unique, already used by app ${q(other)}`);
    else seen.set(app.commonId, app.name);
  }
}

// ---------------------------------------------------------------------------------------------
// Layouts (snapd ValidateLayoutAll / ValidateLayout)
// ---------------------------------------------------------------------------------------------

const LAYOUT_TOP_DIRS = ["bin", "etc", "lib", "lib64", "meta", "mnt", "opt", "root", "sbin", "snap", "srv", "usr", "var", "writable"];
const LAYOUT_REJECTED = [
  "/dev",
  "/proc",
  "/sys",
  "/media",
  "/run",
  "/tmp",
  "/var/lib/snapd",
  "/lib/firmware",
  "/lib/modules",
  "/var/snap",
  "/home",
  "/boot",
  "/lost+found",
];

const isAbsAndClean = (p: string) => (p.startsWith("/") || p.startsWith("$")) && cleanPath(p) === p;
const offLimits = (mountPoint: string, p: string) => p === mountPoint || p.startsWith(mountPoint + "/");

/** A bind source or symlink target: only $SNAP, $SNAP_DATA, $SNAP_COMMON, absolute, clean, no AppArmor characters. */
function layoutSourceProblem(snap: string, source: string, what: string): string | null {
  const bad = pathVariablesProblem(source);
  if (bad) return `uses invalid ${what} ${q(source)}: ${bad}`;
  const expanded = expandSnapVariables(snap, source);
  if (!isAbsAndClean(expanded)) return `uses invalid ${what} ${q(expanded)}: must be absolute and clean`;
  const roots = ["$SNAP", "$SNAP_DATA", "$SNAP_COMMON"].map((v) => expandSnapVariables(snap, v));
  if (!roots.some((r) => expanded.startsWith(r))) return `uses invalid ${what} ${q(expanded)}: must start with $SNAP, $SNAP_DATA or $SNAP_COMMON`;
  if (hasAppArmorChars(expanded)) return `uses invalid ${what} ${q(expanded)}: it contains a character reserved by AppArmor (?*[]{}^")`;
  return null;
}

function layoutProblem(snap: string, l: LayoutInfo, prior: string[]): string | null {
  if (l.path === "") return "cannot use an empty path";
  const varBad = pathVariablesProblem(l.path);
  if (varBad) return `uses invalid mount point: ${varBad}`;
  const mountPoint = expandSnapVariables(snap, l.path);
  if (!isAbsAndClean(mountPoint)) return "uses invalid mount point: must be absolute and clean";
  if (LAYOUT_REJECTED.some((r) => offLimits(r, mountPoint))) return "is in an off-limits area";
  const under = prior.find((p) => offLimits(p, mountPoint));
  if (under !== undefined) return `is underneath prior layout item ${q(under)}`;
  const used = [l.bind, l.bindFile, l.type, l.symlink].filter((x) => x !== "").length;
  if (used !== 1) return "must define exactly one of bind, bind-file, type or symlink";
  if (l.bind !== "" || l.bindFile !== "") {
    const bad = layoutSourceProblem(snap, l.bind + l.bindFile, "bind mount source");
    if (bad) return bad;
  }
  if (l.type !== "" && l.type !== "tmpfs") return `uses invalid filesystem ${q(l.type)}: use tmpfs`;
  if (l.symlink !== "") {
    const bad = layoutSourceProblem(snap, l.symlink, "symlink target");
    if (bad) return bad;
  }
  if (l.user !== "root") return `uses invalid user ${q(l.user)}: only root`;
  if (l.group !== "root") return `uses invalid group ${q(l.group)}: only root`;
  if ((l.mode & 0o1777) !== l.mode) return `uses invalid mode 0${l.mode.toString(8)}`;
  return null;
}

/** Checks of each path on its own, before they are compared. */
function layoutPathProblem(snap: string, path: string): string | null {
  if (hasAppArmorChars(path)) return `path ${q(path)} contains a character reserved by AppArmor (?*[]{}^")`;
  const elems = expandSnapVariables(snap, cleanPath(path)).split("/");
  if (elems.length < 2) return null; // a relative or empty path is refused by layoutProblem
  if (elems[0] !== "") return "is a relative path";
  if (elems[1] !== "" && !LAYOUT_TOP_DIRS.includes(elems[1])) return `defines a new top-level directory ${q("/" + elems[1])}`;
  if (path.startsWith("/snap/") && !path.startsWith(`/snap/${snap}`)) return "is in space belonging to another snap";
  return null;
}

function validateLayouts(info: SnapInfo, report: Report): void {
  const byPath = [...info.layout].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const kinds = new Map<string, "dir" | "file">();
  for (const l of byPath) {
    const field = `layout.${l.path}`;
    const bad = layoutPathProblem(info.name, l.path);
    if (bad) report(field, `layout ${q(l.path)} ${bad}`);
    for (const [src, kind] of [
      [l.bind, "dir"],
      [l.bindFile, "file"],
    ] as const) {
      if (src === "") continue;
      const key = expandSnapVariables(info.name, src);
      const prev = kinds.get(key);
      if (prev && prev !== kind)
        report(
          field,
          `layout ${q(l.path)} uses ${q(src)} as a ${kind === "dir" ? "directory" : "file"}, but another layout uses it as a ${prev === "dir" ? "directory" : "file"}`,
        );
      kinds.set(key, kind);
    }
  }
  const prior: string[] = [];
  for (const l of byPath) {
    const bad = layoutProblem(info.name, l, prior);
    if (bad) report(`layout.${l.path}`, `layout ${q(l.path)} ${bad}`);
    prior.push(expandSnapVariables(info.name, l.path));
  }
}

// ---------------------------------------------------------------------------------------------
// Store-only rules
// ---------------------------------------------------------------------------------------------

function validateStoreRules(info: SnapInfo, store: Report): void {
  if (info.grade !== "" && !(GRADES as readonly string[]).includes(info.grade))
    store("grade", `grade ${q(info.grade)} is invalid: use one of ${GRADES.join(", ")}`);
  const archs = info.architectures ?? [];
  for (const a of archs) {
    if (a !== "all" && !(ARCHITECTURES as readonly string[]).includes(a))
      store("architectures", `architecture ${q(a)} is invalid: use ${ARCHITECTURES.join(", ")} or all`);
  }
  if (archs.includes("all") && archs.length > 1)
    store("architectures", `architectures ${q(archs)} is invalid: "all" cannot be combined with other architectures`);
  const seen = new Set<string>();
  for (const a of archs) {
    if (seen.has(a)) store("architectures", `architecture ${q(a)} is listed more than once`);
    seen.add(a);
  }
}

/** Every rule on a decoded snap; errors in a stable order (snap-level first, then apps, ...). */
export function validateSnap(info: SnapInfo, epochError: string | null): ValidationError[] {
  const errors: ValidationError[] = [];
  const report: Report = (field, message) => errors.push({ field, message });
  const store: Report = (field, message) => errors.push({ field, message, storeOnly: true });
  validateIdentity(info, report);
  validateTexts(info, report, store);
  if (epochError) report("epoch", epochError);
  validateStoreRules(info, store);
  validateBase(info, report);
  validateApps(info, errors);
  validateAliases(info, report);
  validateHooks(info, report);
  validatePlugsSlots(info, report, store);
  validateSystemUsernames(info, report);
  validateLinks(info, report);
  validateCommonIds(info, report);
  validateLayouts(info, report);
  return errors;
}

export { validateEpoch };
