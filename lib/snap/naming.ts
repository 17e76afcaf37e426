/**
 * Names in a snap, as snapd's snap/naming package defines them (snapd 2.57.6): snap names, app
 * names, plug/slot/interface/hook names, aliases, socket names. Pure; each check returns null when
 * the name is valid, else a message saying what is wrong.
 */

/** snapd: lowercase letters, digits and hyphens, at least one letter, no leading/trailing/double hyphen. */
const ALMOST_VALID_NAME = /^[a-z0-9-]*[a-z][a-z0-9-]*$/;
export const SNAP_NAME_RULE = "use 2-40 lowercase letters, digits and hyphens, with at least one letter, no leading, trailing or double hyphens";

function isValidName(name: string): boolean {
  return ALMOST_VALID_NAME.test(name) && !name.startsWith("-") && !name.endsWith("-") && !name.includes("--");
}

export function isValidSnapName(name: string): boolean {
  return typeof name === "string" && name.length >= 2 && name.length <= 40 && isValidName(name);
}

/** App names (snapd ValidApp). */
export const APP_NAME_RE = /^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$/;
export const APP_NAME_RULE = "use letters, digits and single hyphens, starting and ending with a letter or digit";
/** Plug, slot, interface and hook names (snapd validPlugSlotIface / validHook). */
export const PLUG_NAME_RE = /^[a-z](?:-?[a-z0-9])*$/;
export const PLUG_NAME_RULE = "use lowercase letters, digits and single hyphens, starting with a letter";
/** Legacy app aliases (snapd ValidAlias). */
export const ALIAS_RE = /^[a-zA-Z0-9][-_.a-zA-Z0-9]*$/;

export function isValidAppName(name: string): boolean {
  return APP_NAME_RE.test(name);
}
export function isValidPlugName(name: string): boolean {
  return PLUG_NAME_RE.test(name);
}
/** Sockets use the snap-name rule without its length limits (snapd ValidateSocket). */
export function isValidSocketName(name: string): boolean {
  return isValidName(name);
}
export function isValidAlias(name: string): boolean {
  return ALIAS_RE.test(name);
}

/**
 * snapd's supported hooks (snap/hooktypes.go); snapd silently ignores hooks not listed here.
 * snapd 2.57 (the version we follow) has no `default-configure` hook, which later releases add:
 * such a hook is ignored, as 2.57 ignores it.
 */
const SUPPORTED_HOOKS = [
  /^prepare-device$/,
  /^install-device$/,
  /^configure$/,
  /^install$/,
  /^pre-refresh$/,
  /^post-refresh$/,
  /^remove$/,
  /^prepare-(?:plug|slot)-[-a-z0-9]+$/,
  /^unprepare-(?:plug|slot)-[-a-z0-9]+$/,
  /^connect-(?:plug|slot)-[-a-z0-9]+$/,
  /^disconnect-(?:plug|slot)-[-a-z0-9]+$/,
  /^check-health$/,
  /^fde-setup$/,
  /^gate-auto-refresh$/,
];

export function isSupportedHook(name: string): boolean {
  return SUPPORTED_HOOKS.some((re) => re.test(name));
}

/** System user names (snapd osutil.IsValidUsername). */
export const SYSTEM_USERNAME_RE = /^[a-z0-9][-a-z0-9+._]*$/;
/**
 * The system users snapd 2.57 can create for snaps (snap.SupportedSystemUsernames). Later snapd
 * releases add more (e.g. `_daemon_`); we follow 2.57, so a snap declaring them is refused.
 */
export const SUPPORTED_SYSTEM_USERNAMES = ["snap_daemon", "snap_microk8s"] as const;

/** Provenance (snapd naming.ValidProvenance); "global-upload" is the default and cannot be set. */
export const PROVENANCE_RE = /^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$/;
export const DEFAULT_PROVENANCE = "global-upload";
