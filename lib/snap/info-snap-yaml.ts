/**
 * From the YAML tree to the snap's information, as snapd 2.57.6's snap/info_snap_yaml.go builds it:
 * every field decoded with yaml.v2's types, apps and hooks collected, top-level plugs and slots
 * converted (interface, label, attributes), and plugs/slots bound to apps and hooks (listed ones
 * to those that list them, implicit ones created on the way, unscoped ones to every app and hook).
 * Decoding problems are errors here; rules on the decoded values are in validate.ts. Pure.
 */
import { fmtCount, MAX_APP_ALIASES, MAX_APPS, MAX_HOOKS, MAX_LAYOUTS, MAX_PLUGS, MAX_SLOTS, MAX_SOCKETS } from "./limits";
import { isSupportedHook } from "./naming";
import { Decoder, hasOwn, q, setOwn } from "./yaml-decode";
import { isNull, kindName, typed, type YMap, type YNode } from "./yaml-tree";

/** Bindings made by unscoped plugs/slots (each one × each app and hook) beyond which the store refuses. Corpus max 1,110. */
export const MAX_BINDINGS = 100_000;

export interface PlugSlotInfo {
  name: string;
  interface: string;
  attributes: Record<string, unknown>;
  label?: string;
  apps: string[];
  hooks: string[];
  /** Never declared at top level, only listed by an app or hook. */
  implicit: boolean;
}

export interface SocketInfo {
  name: string;
  listenStream: string;
  socketMode: number;
}

export interface AppInfo {
  name: string;
  command: string;
  stopCommand: string;
  reloadCommand: string;
  postStopCommand: string;
  busName: string;
  commonId: string;
  commandChain: string[];
  daemon: string;
  /** As written; snapd defaults it to "system" for daemons. */
  daemonScope: string;
  restartCondition: string;
  restartDelay: number;
  stopTimeout: number;
  startTimeout: number;
  watchdogTimeout: number;
  refreshMode: string;
  stopMode: string;
  installMode: string;
  before: string[];
  after: string[];
  /** null when no timer. */
  timer: string | null;
  aliases: string[];
  sockets: SocketInfo[];
  activatesOn: string[];
  plugs: string[];
  slots: string[];
}

export interface HookInfo {
  name: string;
  commandChain: string[];
  plugs: string[];
  slots: string[];
}

export interface LayoutInfo {
  path: string;
  bind: string;
  bindFile: string;
  type: string;
  symlink: string;
  user: string;
  group: string;
  mode: number;
}

export interface SnapInfo {
  name: string;
  version: string;
  type: string;
  title: string;
  summary: string;
  description: string;
  provenance: string;
  license: string;
  confinement: string;
  grade: string;
  base: string;
  /** undefined when absent (snapd's default is ["all"]). */
  architectures: string[] | undefined;
  epochNode: YNode | undefined;
  apps: AppInfo[];
  hooks: HookInfo[];
  plugs: Record<string, PlugSlotInfo>;
  slots: Record<string, PlugSlotInfo>;
  layout: LayoutInfo[];
  systemUsernames: { name: string; scope: string }[];
  links: Map<string, string[]>;
}

const RESTART_CONDITIONS = ["no", "never", "on-success", "on-failure", "on-abnormal", "on-abort", "on-watchdog", "always"];
const SNAP_TYPES = ["app", "application", "gadget", "os", "kernel", "base", "snapd"];
const CONFINEMENTS = ["strict", "classic", "devmode"];
const DAEMON_SCOPES = ["system", "user"];

/** A field snapd decodes through a custom UnmarshalYAML that accepts a fixed set of words. */
function enumField(d: Decoder, n: YNode | undefined, field: string, allowed: readonly string[], what: string): string {
  const v = d.str(n, field);
  if (v === undefined) return "";
  if (!allowed.includes(v)) {
    d.err(field, `${what} ${q(v)} is invalid: use one of ${allowed.filter((a) => a !== "application" && a !== "no").join(", ")}`);
    return "";
  }
  return v;
}

function countLimit(d: Decoder, field: string, n: number, limit: number, what: string): boolean {
  if (n <= limit) return true;
  d.storeErr(field, `snap.yaml has ${fmtCount(n)} ${what}; the store accepts at most ${fmtCount(limit)}`);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Plugs and slots
// ---------------------------------------------------------------------------------------------

/** snapd convertToSlotOrPlugData: `name:`, `name: iface`, or `name: {interface, label, attrs...}`. */
function convertPlugOrSlot(d: Decoder, what: "plug" | "slot", name: string, def: YNode, field: string): PlugSlotInfo {
  const ps: PlugSlotInfo = { name, interface: name, attributes: {}, apps: [], hooks: [], implicit: false };
  if (def.kind === "scalar") {
    const t = typed(def);
    if (t.type === "str") ps.interface = t.value;
    else if (t.type !== "null") d.err(field, `${what} ${q(name)} has a malformed definition: use an interface name or a mapping, not ${kindName(def)}`);
    return ps;
  }
  if (def.kind === "seq") {
    d.err(field, `${what} ${q(name)} has a malformed definition: use an interface name or a mapping, not a list`);
    return ps;
  }
  for (const p of def.pairs) {
    const k = p.key.kind === "scalar" ? typed(p.key) : null;
    if (!k || k.type !== "str") {
      d.err(field, `${what} ${q(name)} has an attribute key that is ${kindName(p.key)}, not a string (quote it)`);
      continue;
    }
    const key = k.value;
    if (key.startsWith("$")) d.err(`${field}.${key}`, `${what} ${q(name)} uses reserved attribute ${q(key)}: attribute names cannot start with "$"`);
    else if (key === "") d.err(field, `${what} ${q(name)} has an empty attribute key`);
    else if (key === "interface" || key === "label") {
      const v = p.value.kind === "scalar" ? typed(p.value) : null;
      if (!v || v.type !== "str") d.err(`${field}.${key}`, `${key} of ${what} ${q(name)} must be a string, not ${kindName(p.value)}`);
      else if (key === "interface") ps.interface = v.value;
      else ps.label = v.value;
    } else setOwn(ps.attributes, key, d.attr(p.value, `${field}.${key}`));
  }
  return ps;
}

function topLevelPlugsOrSlots(d: Decoder, n: YNode | undefined, kind: "plugs" | "slots"): Record<string, PlugSlotInfo> {
  const what = kind === "plugs" ? "plug" : "slot";
  const out: Record<string, PlugSlotInfo> = {};
  for (const [name, def] of d.named(n, kind, `a mapping of ${what} names to definitions`)) {
    setOwn(out, name, convertPlugOrSlot(d, what, name, def, `${kind}.${name}`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Apps and hooks
// ---------------------------------------------------------------------------------------------

function decodeSockets(d: Decoder, n: YNode | undefined, field: string): SocketInfo[] {
  const out: SocketInfo[] = [];
  for (const [name, def] of d.named(n, field, "a mapping of socket names to definitions")) {
    const f = `${field}.${name}`;
    const m = d.map(def, f, "a mapping with listen-stream and socket-mode");
    const fields = m ? d.fields(m, f) : new Map<string, YNode>();
    out.push({
      name,
      listenStream: d.str(fields.get("listen-stream"), `${f}.listen-stream`) ?? "",
      socketMode: d.uint32(fields.get("socket-mode"), `${f}.socket-mode`),
    });
  }
  return out;
}

/** appYaml: every field with yaml.v2's type for it. */
function decodeApp(d: Decoder, name: string, def: YNode): AppInfo {
  const field = `apps.${name}`;
  const m = d.map(def, field, `a mapping (the definition of app ${q(name)})`);
  const f = m ? d.fields(m, field) : new Map<string, YNode>();
  const s = (key: string) => d.str(f.get(key), `${field}.${key}`) ?? "";
  const list = (key: string) => d.strList(f.get(key), `${field}.${key}`);
  const timer = d.str(f.get("timer"), `${field}.timer`);
  d.env(f.get("environment"), `${field}.environment`);
  s("completer");
  s("autostart");
  return {
    name,
    command: s("command"),
    stopCommand: s("stop-command"),
    reloadCommand: s("reload-command"),
    postStopCommand: s("post-stop-command"),
    busName: s("bus-name"),
    commonId: s("common-id"),
    commandChain: list("command-chain"),
    daemon: s("daemon"),
    daemonScope: enumField(d, f.get("daemon-scope"), `${field}.daemon-scope`, DAEMON_SCOPES, `app ${q(name)} daemon-scope`),
    restartCondition: enumField(d, f.get("restart-condition"), `${field}.restart-condition`, RESTART_CONDITIONS, `app ${q(name)} restart-condition`),
    restartDelay: d.duration(f.get("restart-delay"), `${field}.restart-delay`),
    stopTimeout: d.duration(f.get("stop-timeout"), `${field}.stop-timeout`),
    startTimeout: d.duration(f.get("start-timeout"), `${field}.start-timeout`),
    watchdogTimeout: d.duration(f.get("watchdog-timeout"), `${field}.watchdog-timeout`),
    refreshMode: s("refresh-mode"),
    stopMode: s("stop-mode"),
    installMode: s("install-mode"),
    before: list("before"),
    after: list("after"),
    // yaml.v2 leaves an empty timer at "", which snapd treats as no timer.
    timer: timer ? timer : null,
    aliases: list("aliases"),
    sockets: decodeSockets(d, f.get("sockets"), `${field}.sockets`),
    activatesOn: list("activates-on"),
    plugs: list("plugs"),
    slots: list("slots"),
  };
}

function decodeHook(d: Decoder, name: string, def: YNode): HookInfo {
  const field = `hooks.${name}`;
  const m = d.map(def, field, `a mapping (the definition of hook ${q(name)})`);
  const f = m ? d.fields(m, field) : new Map<string, YNode>();
  d.env(f.get("environment"), `${field}.environment`);
  return {
    name,
    commandChain: d.strList(f.get("command-chain"), `${field}.command-chain`),
    plugs: d.strList(f.get("plugs"), `${field}.plugs`),
    slots: d.strList(f.get("slots"), `${field}.slots`),
  };
}

// ---------------------------------------------------------------------------------------------
// Binding
// ---------------------------------------------------------------------------------------------

interface Binder {
  table: Record<string, PlugSlotInfo>;
  scoped: Set<string>;
  apps: Map<string, Set<string>>;
  hooks: Map<string, Set<string>>;
}

function binder(table: Record<string, PlugSlotInfo>): Binder {
  return { table, scoped: new Set(), apps: new Map(), hooks: new Map() };
}

/** Bind a listed plug/slot to an app or hook, creating an implicit one named like its interface. */
function bindListed(b: Binder, name: string, owner: { app?: string; hook?: string }): void {
  if (!hasOwn(b.table, name)) setOwn(b.table, name, { name, interface: name, attributes: {}, apps: [], hooks: [], implicit: true });
  b.scoped.add(name);
  const [byOwner, ownerName] = owner.app !== undefined ? [b.apps, owner.app] : [b.hooks, owner.hook!];
  let set = byOwner.get(name);
  if (!set) byOwner.set(name, (set = new Set()));
  set.add(ownerName);
}

/** Unscoped plugs/slots go to every app and hook (bindUnscopedPlugs/Slots); then fill the lists. */
function finishBinding(b: Binder, apps: { name: string; list: string[] }[], hooks: { name: string; list: string[] }[]): void {
  const appNames = apps.map((a) => a.name);
  const hookNames = hooks.map((h) => h.name);
  for (const name of Object.keys(b.table)) {
    const ps = b.table[name];
    if (b.scoped.has(name)) {
      ps.apps = [...(b.apps.get(name) ?? [])];
      ps.hooks = [...(b.hooks.get(name) ?? [])];
    } else {
      ps.apps = appNames.slice();
      ps.hooks = hookNames.slice();
      for (const a of apps) a.list.push(name);
      for (const h of hooks) h.list.push(name);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Layout, system usernames, links
// ---------------------------------------------------------------------------------------------

function decodeLayout(d: Decoder, n: YNode | undefined): LayoutInfo[] {
  const out: LayoutInfo[] = [];
  const entries = d.named(n, "layout", "a mapping of paths to layout definitions");
  if (!countLimit(d, "layout", entries.size, MAX_LAYOUTS, "layout entries")) return out;
  for (const [path, def] of entries) {
    const field = `layout.${path}`;
    const m = d.map(def, field, "a mapping (bind, bind-file, type, symlink, user, group, mode)");
    const f = m ? d.fields(m, field) : new Map<string, YNode>();
    const s = (key: string) => d.str(f.get(key), `${field}.${key}`) ?? "";
    const modeText = s("mode");
    let mode = 0o755;
    if (modeText !== "") {
      const ok = /^[0-7]+$/.test(modeText) && parseInt(modeText, 8) <= 2 ** 32 - 1;
      if (!ok) d.err(`${field}.mode`, `layout ${q(path)} mode ${q(modeText)} is not an octal number`);
      else mode = parseInt(modeText, 8);
    }
    out.push({
      path,
      bind: s("bind"),
      bindFile: s("bind-file"),
      type: s("type"),
      symlink: s("symlink"),
      user: s("user") || "root",
      group: s("group") || "root",
      mode,
    });
  }
  return out;
}

/** snapd convertToUsernamesData: `name: scope` or `name: {scope: ..., attrs...}`. */
function decodeSystemUsernames(d: Decoder, n: YNode | undefined): { name: string; scope: string }[] {
  const out: { name: string; scope: string }[] = [];
  for (const [name, def] of d.named(n, "system-usernames", "a mapping of user names to scopes")) {
    const field = `system-usernames.${name}`;
    if (name === "") {
      d.err("system-usernames", "a system username cannot be empty");
      continue;
    }
    let scope = "";
    if (def.kind === "scalar") {
      const t = typed(def);
      if (t.type === "str") scope = t.value;
      else if (t.type !== "null") d.err(field, `system username ${q(name)} has a malformed definition: use a scope or a mapping, not ${kindName(def)}`);
    } else if (def.kind === "seq") d.err(field, `system username ${q(name)} has a malformed definition: use a scope or a mapping, not a list`);
    else {
      for (const p of def.pairs) {
        const k = p.key.kind === "scalar" ? typed(p.key) : null;
        if (!k || k.type !== "str") d.err(field, `system username ${q(name)} has an attribute key that is ${kindName(p.key)}, not a string`);
        else if (k.value === "scope") {
          const v = p.value.kind === "scalar" ? typed(p.value) : null;
          if (!v || v.type !== "str") d.err(`${field}.scope`, `scope of system username ${q(name)} must be a string, not ${kindName(p.value)}`);
          else scope = v.value;
        } else if (k.value === "") d.err(field, `system username ${q(name)} has an empty attribute key`);
        else d.attr(p.value, `${field}.${k.value}`);
      }
    }
    if (scope === "" && !d.errors.some((e) => e.field.startsWith(field))) d.err(field, `system username ${q(name)} does not specify a scope (use shared)`);
    out.push({ name, scope });
  }
  return out;
}

function decodeLinks(d: Decoder, n: YNode | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, v] of d.named(n, "links", "a mapping of link kinds to lists of links")) out.set(key, d.strList(v, `links.${key}`));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The whole snap
// ---------------------------------------------------------------------------------------------

function decodeApps(d: Decoder, n: YNode | undefined): AppInfo[] | null {
  const entries = d.named(n, "apps", "a mapping of app names to definitions");
  if (!countLimit(d, "apps", entries.size, MAX_APPS, "apps")) return null;
  const apps = [...entries].map(([name, def]) => decodeApp(d, name, def));
  const aliases = apps.reduce((sum, a) => sum + a.aliases.length, 0);
  const sockets = apps.reduce((sum, a) => sum + a.sockets.length, 0);
  if (!countLimit(d, "apps", aliases, MAX_APP_ALIASES, "app aliases") || !countLimit(d, "apps", sockets, MAX_SOCKETS, "sockets")) return null;
  return apps;
}

/**
 * Hooks snapd supports; the others are ignored, as snapd ignores them, but decoded first: yaml.v2
 * decodes every entry of `hooks:`, so a malformed unsupported hook is still a refusal.
 */
function decodeHooks(d: Decoder, n: YNode | undefined): HookInfo[] | null {
  const entries = d.named(n, "hooks", "a mapping of hook names to definitions");
  if (!countLimit(d, "hooks", entries.size, MAX_HOOKS, "hooks")) return null;
  return [...entries].map(([name, def]) => decodeHook(d, name, def)).filter((h) => isSupportedHook(h.name));
}

/** Plugs and slots, bound to apps and hooks. Returns false when a count limit refuses the snap. */
function bindAll(d: Decoder, info: SnapInfo): boolean {
  const plugs = binder(info.plugs);
  const slots = binder(info.slots);
  for (const app of info.apps) {
    for (const p of app.plugs) bindListed(plugs, p, { app: app.name });
    for (const s of app.slots) bindListed(slots, s, { app: app.name });
    for (const s of app.activatesOn) {
      // snapd looks the slot up among those known so far; an app's own `slots:` come first.
      if (!hasOwn(info.slots, s)) d.err(`apps.${app.name}.activates-on`, `invalid activates-on value ${q(s)} on app ${q(app.name)}: slot not found`);
      else bindListed(slots, s, { app: app.name });
    }
  }
  for (const hook of info.hooks) {
    for (const p of hook.plugs) bindListed(plugs, p, { hook: hook.name });
    for (const s of hook.slots) bindListed(slots, s, { hook: hook.name });
  }
  const nPlugs = Object.keys(info.plugs).length;
  const nSlots = Object.keys(info.slots).length;
  if (!countLimit(d, "plugs", nPlugs, MAX_PLUGS, "plugs") || !countLimit(d, "slots", nSlots, MAX_SLOTS, "slots")) return false;
  const unscoped = nPlugs - plugs.scoped.size + nSlots - slots.scoped.size;
  const bindings = unscoped * (info.apps.length + info.hooks.length);
  if (!countLimit(d, "plugs", bindings, MAX_BINDINGS, "bindings of plugs and slots to apps and hooks (plugs and slots no app lists go to every app and hook)"))
    return false;
  // The lists of apps/hooks as written, without duplicates, then the unscoped ones.
  const appPlugs = info.apps.map((a) => ({ name: a.name, list: (a.plugs = [...new Set(a.plugs)]) }));
  const appSlots = info.apps.map((a) => ({
    name: a.name,
    list: (a.slots = [...new Set([...a.slots, ...a.activatesOn.filter((s) => hasOwn(info.slots, s))])]),
  }));
  const hookPlugs = info.hooks.map((h) => ({ name: h.name, list: (h.plugs = [...new Set(h.plugs)]) }));
  const hookSlots = info.hooks.map((h) => ({ name: h.name, list: (h.slots = [...new Set(h.slots)]) }));
  finishBinding(plugs, appPlugs, hookPlugs);
  finishBinding(slots, appSlots, hookSlots);
  return true;
}

/**
 * Decode a snap.yaml mapping. Returns null only when a count limit refused it (the errors say
 * which); otherwise the info, with decoding problems in `d.errors`.
 */
export function infoFromTree(d: Decoder, root: YMap): SnapInfo | null {
  const f = d.fields(root, "snap.yaml");
  const s = (key: string) => d.str(f.get(key), key) ?? "";
  if (f.has("layouts") && !isNull(f.get("layouts"))) d.err("layouts", `use singular "layout" instead of plural "layouts"`);
  d.strList(f.get("assumes"), "assumes");
  d.env(f.get("environment"), "environment");
  const apps = decodeApps(d, f.get("apps"));
  const hooks = decodeHooks(d, f.get("hooks"));
  if (!apps || !hooks) return null;
  const name = s("name");
  const info: SnapInfo = {
    name,
    version: s("version"),
    // snapd: a snap named "snapd" is of type snapd whatever it says.
    type: name === "snapd" ? "snapd" : enumField(d, f.get("type"), "type", SNAP_TYPES, "type").replace(/^application$/, "app") || "app",
    title: s("title"),
    summary: s("summary"),
    description: s("description"),
    provenance: s("provenance"),
    license: s("license"),
    confinement: enumField(d, f.get("confinement"), "confinement", CONFINEMENTS, "confinement") || "strict",
    // snapd 2.57's snap.yaml reader has no grade field: a grade of the wrong type is the store's refusal only.
    grade: d.str(f.get("grade"), "grade", true) ?? "",
    base: s("base"),
    architectures: f.has("architectures") && !isNull(f.get("architectures")) ? d.strList(f.get("architectures"), "architectures") : undefined,
    epochNode: f.get("epoch"),
    apps,
    hooks,
    plugs: topLevelPlugsOrSlots(d, f.get("plugs"), "plugs"),
    slots: topLevelPlugsOrSlots(d, f.get("slots"), "slots"),
    layout: decodeLayout(d, f.get("layout")),
    systemUsernames: decodeSystemUsernames(d, f.get("system-usernames")),
    links: decodeLinks(d, f.get("links")),
  };
  return bindAll(d, info) ? info : null;
}
