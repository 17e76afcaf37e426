/**
 * Rules for apps (snapd 2.57.6 snap/validate.go ValidateApp and its helpers): daemon fields,
 * commands, sockets, activation, restart, ordering, timeouts, modes and timers. Pure; every rule
 * pushes {field, message} and the caller gets them all.
 */
import type { AppInfo, SnapInfo, SocketInfo } from "./info-snap-yaml";
import { APP_NAME_RULE, isValidAppName, isValidSocketName } from "./naming";
import { cleanPath } from "./paths";
import { scheduleProblem } from "./schedule";
import { SNAPD_INTERFACES } from "./snapd-interfaces";
import { q } from "./yaml-decode";
import type { ValidationError } from "./yaml-tree";

type Report = (field: string, message: string) => void;

const DAEMONS = ["simple", "forking", "oneshot", "dbus", "notify"];
const STOP_MODES = ["sigterm", "sigterm-all", "sighup", "sighup-all", "sigusr1", "sigusr1-all", "sigusr2", "sigusr2-all", "sigint", "sigint-all"];
const REFRESH_MODES = ["endure", "restart", "ignore-running"];
const INSTALL_MODES = ["enable", "disable"];
/** snapd appContentWhitelist (no quotes: snap-exec would split them wrongly). */
const COMMAND_RE = /^[A-Za-z0-9/. _#:$-]*$/;
/** snapd commandChainContentWhitelist: the same without spaces. */
export const COMMAND_CHAIN_RE = /^[A-Za-z0-9/._#:$-]*$/;

/** snapd's scope of a daemon: "system" unless it says "user"; "" for apps that are not services. */
export function effectiveScope(app: AppInfo): string {
  return app.daemon !== "" && app.daemonScope === "" ? "system" : app.daemonScope;
}

function validateCommands(app: AppInfo, field: string, report: Report): void {
  const fields: [string, string][] = [
    ["command", app.command],
    ["stop-command", app.stopCommand],
    ["reload-command", app.reloadCommand],
    ["post-stop-command", app.postStopCommand],
    ["bus-name", app.busName],
  ];
  for (const [key, value] of fields) {
    if (!COMMAND_RE.test(value))
      report(`${field}.${key}`, `app ${q(app.name)} ${key} ${q(value)} contains illegal characters: use only letters, digits, spaces and /._#:$-`);
  }
  for (const value of app.commandChain) {
    if (!COMMAND_CHAIN_RE.test(value))
      report(`${field}.command-chain`, `app ${q(app.name)} command-chain entry ${q(value)} contains illegal characters: use only letters, digits and /._#:$-`);
  }
}

/** A socket's listen-stream: a path under the snap's data, an abstract @snap.NAME. socket, or [host:]port. */
export function socketAddressProblem(app: AppInfo, snapName: string, address: string): string | null {
  if (address === "") return `"listen-stream" is not defined`;
  if (address[0] === "/" || address[0] === "$") {
    if (cleanPath(address) !== address) return `"listen-stream" ${q(address)} should be written as ${q(cleanPath(address))}`;
    const scope = effectiveScope(app);
    const allowed =
      scope === "system"
        ? ["$SNAP_DATA/", "$SNAP_COMMON/", "$XDG_RUNTIME_DIR/"]
        : scope === "user"
          ? ["$SNAP_USER_DATA/", "$SNAP_USER_COMMON/", "$XDG_RUNTIME_DIR/"]
          : null;
    if (!allowed) return `"listen-stream" cannot be validated for an app that is not a service`;
    if (!allowed.some((p) => address.startsWith(p)))
      return `"listen-stream" of a ${scope} daemon must start with ${allowed.map((p) => p.slice(0, -1)).join(", ")}`;
    return null;
  }
  if (address[0] === "@") {
    const prefix = `@snap.${snapName}.`;
    return address.startsWith(prefix) ? null : `"listen-stream" must be prefixed with ${q(prefix)}`;
  }
  const last = address.lastIndexOf(":");
  if (last >= 0) {
    const host = address.slice(0, last);
    if (!["127.0.0.1", "[::1]", "[::]"].includes(host)) return `"listen-stream" address ${q(host)} is invalid: use 127.0.0.1, [::1] or [::]`;
  }
  const port = address.slice(last + 1);
  const n = /^[0-9]+$/.test(port) ? Number(port) : NaN;
  if (!(n >= 1 && n <= 65535)) return `"listen-stream" port number ${q(port)} is invalid: use 1-65535`;
  return null;
}

function validateSocket(app: AppInfo, snapName: string, socket: SocketInfo, field: string, report: Report): void {
  const f = `${field}.sockets.${socket.name}`;
  if (!isValidSocketName(socket.name))
    report(f, `socket name ${q(socket.name)} is invalid: use lowercase letters, digits and single hyphens, with at least one letter`);
  if (socket.socketMode > 0o777)
    report(`${f}.socket-mode`, `socket ${q(socket.name)} mode ${socket.socketMode.toString(8).padStart(4, "0")} is invalid: use at most 0777`);
  const bad = socketAddressProblem(app, snapName, socket.listenStream);
  if (bad) report(`${f}.listen-stream`, `socket ${q(socket.name)}: ${bad}`);
}

/**
 * Whether snapd keeps a dbus slot (its dbus interface's own check, which drops the slot and so the
 * activation when it fails): bus system or session, a well-formed bus name not ending in -NUMBER.
 */
function dbusSlotKept(attrs: Record<string, unknown>): boolean {
  const { bus, name } = attrs;
  if (bus !== "system" && bus !== "session") return false;
  if (typeof name !== "string" || name.length === 0 || name.length > 255) return false;
  return /^[a-zA-Z_-][a-zA-Z0-9_-]*(\.[a-zA-Z_-][a-zA-Z0-9_-]*)+$/.test(name) && !/-[0-9]+$/.test(name);
}

function validateActivatesOn(info: SnapInfo, app: AppInfo, field: string, report: Report): void {
  if (app.activatesOn.length === 0) return;
  if (app.daemon === "") return report(`${field}.activates-on`, `app ${q(app.name)} cannot use activates-on: it is only for services (set daemon)`);
  const scope = effectiveScope(app);
  for (const name of app.activatesOn) {
    const slot = info.slots[name];
    // Not found: reported while binding. An interface snapd does not know: snapd drops the slot
    // (and this activation) before it validates; the store refuses its interface name or warns.
    if (!slot || !SNAPD_INTERFACES.has(slot.interface) || (slot.interface === "dbus" && !dbusSlotKept(slot.attributes))) continue;
    if (slot.interface !== "dbus") report(`${field}.activates-on`, `activates-on slot ${q(name)} of app ${q(app.name)} must use the dbus interface`);
    else {
      const bus = slot.attributes.bus;
      if ((scope === "system" && bus !== "system") || (scope === "user" && bus !== "session")) {
        report(
          `${field}.activates-on`,
          `activates-on slot ${q(name)} of app ${q(app.name)} is on bus ${q(bus ?? "")}, which does not match daemon-scope ${q(scope)}`,
        );
      }
    }
    const other = info.apps.find((a) => a !== app && a.activatesOn.includes(name));
    if (other) report(`${field}.activates-on`, `activates-on slot ${q(name)} of app ${q(app.name)} is also activatable on app ${q(other.name)}`);
  }
}

function validateServiceOnly(app: AppInfo, field: string, report: Report): void {
  const isService = app.daemon !== "";
  const notService = (key: string) => report(`${field}.${key}`, `app ${q(app.name)} cannot use ${key}: it is only for services (set daemon)`);
  const durations: [string, number][] = [
    ["restart-delay", app.restartDelay],
    ["start-timeout", app.startTimeout],
    ["stop-timeout", app.stopTimeout],
    ["watchdog-timeout", app.watchdogTimeout],
  ];
  for (const [key, value] of durations) {
    if (value === 0) continue;
    if (!isService) notService(key);
    else if (value < 0) report(`${field}.${key}`, `app ${q(app.name)} ${key} cannot be negative`);
  }
  if (app.restartCondition !== "" && !isService) notService("restart-condition");
  if (app.stopMode !== "" && !STOP_MODES.includes(app.stopMode))
    report(`${field}.stop-mode`, `app ${q(app.name)} stop-mode ${q(app.stopMode)} is invalid: use one of ${STOP_MODES.join(", ")}`);
  else if (app.stopMode !== "" && !isService) notService("stop-mode");
  if (app.refreshMode !== "" && !REFRESH_MODES.includes(app.refreshMode))
    report(`${field}.refresh-mode`, `app ${q(app.name)} refresh-mode ${q(app.refreshMode)} is invalid: use one of ${REFRESH_MODES.join(", ")}`);
  else if (app.refreshMode === "ignore-running" && isService)
    report(`${field}.refresh-mode`, `app ${q(app.name)} cannot use refresh-mode "ignore-running": it is only for apps that are not services`);
  else if (app.refreshMode !== "" && app.refreshMode !== "ignore-running" && !isService)
    report(`${field}.refresh-mode`, `app ${q(app.name)} cannot use refresh-mode ${q(app.refreshMode)}: it is only for services (set daemon)`);
  if (app.installMode !== "" && !INSTALL_MODES.includes(app.installMode))
    report(`${field}.install-mode`, `app ${q(app.name)} install-mode ${q(app.installMode)} is invalid: use one of ${INSTALL_MODES.join(", ")}`);
  else if (app.installMode !== "" && !isService) notService("install-mode");
  if (app.timer !== null) {
    if (!isService) notService("timer");
    else {
      const bad = scheduleProblem(app.timer);
      if (bad) report(`${field}.timer`, `app ${q(app.name)} timer ${q(app.timer)} is invalid: ${bad}`);
    }
  }
}

function validateOrderNames(info: SnapInfo, app: AppInfo, field: string, report: Report): void {
  for (const key of ["before", "after"] as const) {
    const deps = app[key];
    if (deps.length === 0) continue;
    if (app.daemon === "") {
      report(`${field}.${key}`, `app ${q(app.name)} cannot use ${key}: ordering is only for services (set daemon)`);
      continue;
    }
    for (const dep of deps) {
      const other = info.apps.find((a) => a.name === dep);
      if (!other) report(`${field}.${key}`, `app ${q(app.name)} ${key} references a missing app ${q(dep)}`);
      else if (other.daemon === "") report(`${field}.${key}`, `app ${q(app.name)} ${key} references ${q(dep)}, which is not a service`);
      else if (effectiveScope(other) !== effectiveScope(app))
        report(`${field}.${key}`, `app ${q(app.name)} ${key} references ${q(dep)}, a service with another daemon-scope`);
    }
  }
}

/** snapd ValidateApp, all rules. */
export function validateApp(info: SnapInfo, app: AppInfo, report: Report): void {
  const field = `apps.${app.name}`;
  if (app.daemon !== "" && !DAEMONS.includes(app.daemon))
    report(`${field}.daemon`, `app ${q(app.name)} daemon ${q(app.daemon)} is invalid: use one of ${DAEMONS.join(", ")}`);
  if (app.daemonScope !== "" && app.daemon === "") report(`${field}.daemon-scope`, `app ${q(app.name)} sets daemon-scope but is not a daemon`);
  if (!isValidAppName(app.name)) report(field, `app name ${q(app.name)} is invalid: ${APP_NAME_RULE}`);
  validateCommands(app, field, report);
  // By plug name, as snapd looks it up; a plug snapd drops (interface it does not know) does not count.
  const networkBind = app.plugs.includes("network-bind") && SNAPD_INTERFACES.has(info.plugs["network-bind"]?.interface ?? "");
  if (app.sockets.length > 0 && !networkBind) {
    report(
      `${field}.sockets`,
      `app ${q(app.name)} uses sockets, so it needs the network-bind plug: "network-bind" interface plug is required when sockets are used`,
    );
  }
  for (const socket of app.sockets) validateSocket(app, info.name, socket, field, report);
  validateActivatesOn(info, app, field, report);
  validateServiceOnly(app, field, report);
  validateOrderNames(info, app, field, report);
}

/** Cycles in before/after among services (snapd SortServices, Kahn's algorithm). */
export function orderCycle(apps: AppInfo[]): string[] | null {
  const services = apps.filter((a) => a.daemon !== "");
  const byName = new Map(services.map((a) => [a.name, a]));
  const successors = new Map<string, string[]>();
  const preds = new Map<string, number>();
  const edge = (from: string, to: string) => {
    successors.set(from, [...(successors.get(from) ?? []), to]);
    preds.set(to, (preds.get(to) ?? 0) + 1);
  };
  for (const a of services) {
    for (const o of a.after) if (byName.has(o)) edge(o, a.name);
    for (const o of a.before) if (byName.has(o)) edge(a.name, o);
  }
  const queue = services.filter((a) => !preds.get(a.name)).map((a) => a.name);
  let done = 0;
  while (queue.length > 0) {
    const n = queue.shift()!;
    done++;
    for (const s of successors.get(n) ?? []) {
      const left = preds.get(s)! - 1;
      preds.set(s, left);
      if (left === 0) queue.push(s);
    }
  }
  if (done === services.length) return null;
  return services
    .filter((a) => (preds.get(a.name) ?? 0) > 0)
    .map((a) => a.name)
    .sort();
}

export function validateApps(info: SnapInfo, errors: ValidationError[]): void {
  const report: Report = (field, message) => errors.push({ field, message });
  for (const app of info.apps) validateApp(info, app, report);
  const cycle = orderCycle(info.apps);
  if (cycle) report("apps", `services ${cycle.map((c) => q(c)).join(", ")} order each other in a cycle (before/after)`);
}
