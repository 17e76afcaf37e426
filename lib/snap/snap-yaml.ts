/**
 * Parse and validate `meta/snap.yaml` as snapd 2.57.6 does, in the modules snapd splits it into:
 *   yaml-tree.ts       bounded YAML reading, yaml.v2 scalar typing        (gopkg.in/yaml.v2)
 *   yaml-decode.ts     decoding into snapd's Go field types                (yaml.v2 + metautil)
 *   info-snap-yaml.ts  apps, hooks, plugs/slots binding, layout, users     (snap/info_snap_yaml.go)
 *   validate.ts        snap-level rules, store-only rules                  (snap/validate.go)
 *   validate-app.ts    app rules: daemons, sockets, timers, ordering       (snap/validate.go)
 *   naming.ts          names of snaps, apps, plugs, hooks, aliases         (snap/naming)
 *   epoch.ts           epochs                                             (snap/epoch.go)
 *   spdx.ts            license expressions                                (spdx)
 *   schedule.ts        timers and durations                               (timeutil, time)
 *   limits.ts          the counts past which the store refuses a snap.yaml
 * This file is the facade the rest of the store imports. Pure: no I/O.
 *
 * Scalar semantics follow yaml.v2: a string field receives the scalar's source text, so
 * `version: 1.0` is the version "1.0" (not the number 1); attribute values use YAML 1.1 typing
 * (`yes`/`no` are booleans).
 *
 * Every violation is reported (snapd stops at the first). Errors marked `storeOnly` are the
 * store's own rules on top of snapd's (see validate.ts).
 */
import { epochFromNode } from "./epoch";
import { infoFromTree, type PlugSlotInfo, type SnapInfo } from "./info-snap-yaml";
import { validateSnap, GRADES as GRADE_LIST } from "./validate";
import { effectiveScope } from "./validate-app";
import { Decoder, q } from "./yaml-decode";
import { fieldsOf, kindName, readYaml, type ValidationError } from "./yaml-tree";

export type { ValidationError } from "./yaml-tree";
export { isValidSnapName, SNAP_NAME_RULE } from "./naming";
export { validateLicenseExpression } from "./spdx";
export { parseEpoch } from "./epoch";
export { ARCHITECTURES, isValidVersion, MAX_DESCRIPTION, MAX_SUMMARY, MAX_TITLE, VERSION_RULE, versionProblem } from "./validate";
export * from "./limits";

export type Confinement = "strict" | "classic" | "devmode";
export type Grade = "stable" | "devel";
export type SnapType = "app" | "base" | "gadget" | "kernel" | "snapd" | "os";

export const CONFINEMENTS: readonly Confinement[] = ["strict", "classic", "devmode"];
export const GRADES: readonly Grade[] = GRADE_LIST;
export const SNAP_TYPES: readonly SnapType[] = ["app", "base", "gadget", "kernel", "snapd", "os"];

export interface PlugOrSlot {
  name: string;
  interface: string;
  attributes: Record<string, unknown>;
  /** Apps bound to it. A top-level plug/slot that no app or hook lists is bound to ALL apps (snapd). */
  apps: string[];
  /** Hooks bound to it (a top-level one no app or hook lists is bound to all hooks too). */
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
  /** Slots bound to the hook (snapd 2.57 binds hook slots like plugs). */
  slots?: string[];
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
  /** system-usernames (user name -> scope), when the snap declares any. */
  systemUsernames?: Record<string, string>;
}

function side(table: Record<string, PlugSlotInfo>): Record<string, PlugOrSlot> {
  const out: Record<string, PlugOrSlot> = {};
  for (const name of Object.keys(table)) {
    const p = table[name];
    const v: PlugOrSlot = { name, interface: p.interface, attributes: p.attributes, apps: p.apps, hooks: p.hooks, implicit: p.implicit };
    if (p.label !== undefined) v.label = p.label;
    Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function toMeta(info: SnapInfo, epoch: string): SnapMeta | null {
  if (info.name === "") return null;
  const opt = <K extends string>(k: K, v: string) => (v !== "" ? ({ [k]: v } as Record<K, string>) : {});
  const meta: SnapMeta = {
    name: info.name,
    version: info.version,
    ...opt("title", info.title),
    ...opt("summary", info.summary),
    ...opt("description", info.description),
    ...opt("license", info.license),
    confinement: (CONFINEMENTS as readonly string[]).includes(info.confinement) ? (info.confinement as Confinement) : "strict",
    grade: (GRADES as readonly string[]).includes(info.grade) ? (info.grade as Grade) : "stable",
    type: (SNAP_TYPES as readonly string[]).includes(info.type) ? (info.type as SnapType) : "app",
    ...opt("base", info.base),
    architectures: info.architectures && info.architectures.length > 0 ? info.architectures : ["all"],
    epoch,
    apps: info.apps.map((a) => {
      const app: SnapApp = { name: a.name, plugs: a.plugs, slots: a.slots };
      if (a.command !== "") app.command = a.command;
      if (a.daemon !== "") app.daemon = a.daemon;
      const scope = effectiveScope(a);
      if (a.daemon !== "" && (scope === "system" || scope === "user")) app.daemonScope = scope;
      if (a.stopCommand !== "") app.stopCommand = a.stopCommand;
      return app;
    }),
    hooks: info.hooks.map((h) => ({ name: h.name, plugs: h.plugs, slots: h.slots })),
    plugs: side(info.plugs),
    slots: side(info.slots),
  };
  if (info.systemUsernames.length > 0) meta.systemUsernames = Object.fromEntries(info.systemUsernames.map((u) => [u.name, u.scope]));
  return meta;
}

/** Errors in the order of snap.yaml's usual layout (name first), whichever module found them. */
const FIELD_ORDER = [
  "snap.yaml",
  "name",
  "version",
  "title",
  "summary",
  "description",
  "license",
  "provenance",
  "confinement",
  "grade",
  "type",
  "base",
  "architectures",
  "epoch",
];
function byField(errors: ValidationError[]): ValidationError[] {
  const rank = (e: ValidationError) => {
    const i = FIELD_ORDER.indexOf(e.field.split(".")[0]);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  return errors
    .map((e, i) => [rank(e), i, e] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map(([, , e]) => e);
}

/**
 * Parse and validate a snap.yaml. `meta` is non-null whenever the document is a mapping with a
 * non-empty string `name` (even an invalid one, or when other fields are wrong), unless a count
 * limit refused it; `errors` lists every violation found.
 */
export function parseSnapYaml(text: string): { meta: SnapMeta | null; errors: ValidationError[] } {
  const read = readYaml(text);
  if (read.errors.length > 0) return { meta: null, errors: read.errors };
  const root = read.root ?? { kind: "map" as const, pairs: [], line: 1 }; // empty document: report the missing fields
  if (root.kind !== "map") return { meta: null, errors: [{ field: "snap.yaml", message: `snap.yaml must be a mapping, not ${kindName(root)}` }] };
  const d = new Decoder();
  d.errors.push(...read.storeOnly);
  for (const dup of read.duplicates) {
    d.storeErr("snap.yaml", `snap.yaml line ${dup.line}: key ${q(dup.key)} is written twice in one mapping; YAML keys must be unique`);
  }
  const info = infoFromTree(d, root);
  if (!info) return { meta: null, errors: d.errors };
  const epoch = epochFromNode(info.epochNode, fieldsOf);
  const errors = byField([...d.errors, ...validateSnap(info, epoch.error ?? null)]);
  return { meta: toMeta(info, epoch.epoch), errors };
}
