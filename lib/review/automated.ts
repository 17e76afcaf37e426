/**
 * Automated review of an uploaded revision, in the style of snapcraft's review-tools
 * (`snap-review --json`): sections lint / security / declaration / functional, each with
 * error / warn / info maps of check-name -> result. Pure: the caller supplies the parsed metadata
 * and facts (ownership, compression, grants, declaration).
 *
 * Outcome (docs/domain.md "Automated review"):
 * - rejected: invalid metadata or missing snap.yaml, classic snap with plugs/slots, compression not
 *   xz/lzo, snap.yaml name != registered name, uploader not the owner.
 * - need_manual_review: classic without a grant, a plug or slot whose installation snapd 2.57's
 *   interface policy denies (super-privileged plugs; slots only the system snap, a gadget or a
 *   declared snap may provide: shared-memory, docker, lxd, …) unless the snap-declaration allows it,
 *   personal-files/system-files without a declaration, type base/kernel/gadget/snapd/os.
 * - a plug or slot of an interface snapd 2.57 does not know is dropped by snapd when it installs the
 *   snap: a warning. If only later snapd knows the interface and would deny its installation, the
 *   revision needs manual review all the same (devices with later snapd would refuse it).
 * - ready_to_release otherwise (warnings allowed). Rejection takes precedence over manual review.
 * Auto-connection is NOT checked: it only produces info entries.
 */
import type { SnapMeta, ValidationError } from "../snap/snap-yaml";
import type { PlugOrSlot } from "../snap/snap-yaml";
import { BASE_DECLARATION, BASE_DECLARATION_WITH_NEWER, canInstall, canInstallSlot, type SnapDeclaration } from "../policy/declaration";
import { getInterface, isKnownTo257, isReservedInterface } from "../policy/interfaces";
import { explainPlug, explainSlot } from "../policy/explain";
import { prepareAttributes } from "../policy/prepare";

export type Section = "lint" | "security" | "declaration" | "functional";
export const SECTIONS: readonly Section[] = ["lint", "security", "declaration", "functional"];

export interface CheckResult {
  text: string;
  manual_review: boolean;
  link?: string;
}

export interface SectionResult {
  error: Record<string, CheckResult>;
  warn: Record<string, CheckResult>;
  info: Record<string, CheckResult>;
}

export interface ReviewReport {
  sections: Record<Section, SectionResult>;
}

export type ReviewOutcome = "ready_to_release" | "need_manual_review" | "rejected";

export interface ReviewInput {
  registeredName: string;
  isOwner: boolean;
  /** squashfs compression of the upload, e.g. "xz", "lzo", "gzip", "zstd". */
  compression: string;
  meta: SnapMeta | null;
  metaErrors: ValidationError[];
  /** A packaging problem found before snap.yaml could be used (missing meta/snap.yaml, bad squashfs...). */
  packageError?: { code: string; message: string };
  classicGranted: boolean;
  declaration?: SnapDeclaration;
  /** The snap's id and publisher id, as its snap-declaration states them (for plug-snap-id / slot-snap-id grants). */
  snapId?: string;
  publisherId?: string;
}

export type ReviewErrorCode =
  | "invalid-metadata"
  | "classic-with-interfaces"
  | "unsupported-compression"
  | "name-mismatch"
  | "not-owner"
  | "needs-classic-grant"
  | "super-privileged-interface"
  | "reserved-interface"
  | "slot-installation-denied"
  | "restricted-snap-type";

/** Codes that reject the upload outright; every other code sends it to manual review. */
export const REJECTING_CODES: ReadonlySet<string> = new Set([
  "invalid-metadata",
  "classic-with-interfaces",
  "unsupported-compression",
  "name-mismatch",
  "not-owner",
]);

export interface ReviewResult {
  outcome: ReviewOutcome;
  report: ReviewReport;
  /** One entry per problem, rejecting ones first. A packageError's own code is passed through (and rejects). */
  errors: { code: string; message: string }[];
  /** review-tools exit meaning: 0 pass, 2 errors, 3 warnings only. */
  exitCode: 0 | 2 | 3;
}

export const SUPPORTED_COMPRESSIONS = ["xz", "lzo"] as const;
export const RESTRICTED_SNAP_TYPES = ["base", "kernel", "gadget", "snapd", "os"] as const;

const LINKS = {
  classic: "https://snapcraft.io/docs/reviewing-classic-confinement-snaps",
  interfaces: "https://snapcraft.io/docs/supported-interfaces",
  requests: "https://snapcraft.io/docs/permission-requests",
  snapYaml: "https://snapcraft.io/docs/snap-format",
  compression: "https://snapcraft.io/docs/snap-format",
};

/** review-tools names metadata checks after the snap.yaml key: lint-snap-v2_<key>_valid. */
function metaCheckName(field: string): string {
  if (field === "snap.yaml") return "lint-snap-v2_snap_yaml_valid";
  const top = field.split(".")[0];
  if (top === "architectures") return "lint-snap-v2_architecture_valid";
  return `lint-snap-v2_${top.replace(/-/g, "_")}_valid`;
}

// eslint-disable-next-line max-lines-per-function -- review-tools' checklist in its order: each check is a few lines and splitting it would scatter the order reviewers read
export function runAutomatedReview(input: ReviewInput): ReviewResult {
  const sections = Object.fromEntries(SECTIONS.map((s) => [s, { error: {}, warn: {}, info: {} }])) as unknown as Record<Section, SectionResult>;
  const errors: { code: string; message: string }[] = [];
  let rejected = false;
  let manual = false;

  const add = (section: Section, level: "error" | "warn" | "info", name: string, result: CheckResult) => {
    const existing = sections[section][level][name];
    sections[section][level][name] = existing
      ? { ...existing, text: `${existing.text}; ${result.text}`, manual_review: existing.manual_review || result.manual_review }
      : result;
  };
  const reject = (code: string, message: string) => {
    rejected = true;
    errors.push({ code, message });
  };
  const needsManual = (code: string, message: string) => {
    manual = true;
    errors.push({ code, message });
  };

  const { meta } = input;

  // ---- functional: ownership
  if (!input.isOwner) {
    const msg = `you are not the owner of the snap name "${input.registeredName}"`;
    add("functional", "error", "functional-snap-v2_owner", { text: msg, manual_review: false });
    reject("not-owner", msg);
  } else {
    add("functional", "info", "functional-snap-v2_owner", { text: "OK", manual_review: false });
  }

  // ---- lint: squashfs compression
  const comp = (input.compression || "").toLowerCase();
  if (!(SUPPORTED_COMPRESSIONS as readonly string[]).includes(comp)) {
    const msg = `unsupported squashfs compression "${input.compression || "unknown"}": use xz (the default of snap pack) or lzo`;
    add("lint", "error", "lint-snap-v2_squashfs_compression", { text: msg, manual_review: false, link: LINKS.compression });
    reject("unsupported-compression", msg);
  } else {
    add("lint", "info", "lint-snap-v2_squashfs_compression", { text: `OK (${comp})`, manual_review: false });
  }

  // ---- lint: package / metadata
  if (input.packageError) {
    const msg = input.packageError.message;
    add("lint", "error", `lint-snap-v2_package (${input.packageError.code})`, { text: msg, manual_review: false, link: LINKS.snapYaml });
    reject(input.packageError.code, msg);
  }
  for (const e of input.metaErrors) {
    add("lint", "error", metaCheckName(e.field), { text: e.message, manual_review: false, link: LINKS.snapYaml });
    reject("invalid-metadata", `${e.field}: ${e.message}`);
  }
  if (!meta && !input.packageError && input.metaErrors.length === 0) {
    const msg = "meta/snap.yaml is missing or has no name";
    add("lint", "error", "lint-snap-v2_snap_yaml_valid", { text: msg, manual_review: false, link: LINKS.snapYaml });
    reject("invalid-metadata", msg);
  }

  if (meta) {
    const metaFields = new Set(input.metaErrors.map((e) => (e.field === "snap.yaml" ? e.field : e.field.split(".")[0])));
    if (!metaFields.has("name")) add("lint", "info", "lint-snap-v2_name_valid", { text: "OK", manual_review: false });
    if (!metaFields.has("version")) add("lint", "info", "lint-snap-v2_version_valid", { text: "OK", manual_review: false });

    // name must match the registered name
    if (meta.name !== input.registeredName) {
      const msg = `snap.yaml name "${meta.name}" does not match the registered name "${input.registeredName}"`;
      add("lint", "error", "lint-snap-v2_name_matches_registered", { text: msg, manual_review: false });
      reject("name-mismatch", msg);
    }

    // confinement
    const hasInterfaces = Object.keys(meta.plugs).length > 0 || Object.keys(meta.slots).length > 0;
    if (meta.confinement === "classic") {
      if (hasInterfaces) {
        const names = [...Object.keys(meta.plugs).map((p) => `plug ${p}`), ...Object.keys(meta.slots).map((s) => `slot ${s}`)];
        const msg = `classic snaps have full system access and cannot declare interfaces (found ${names.join(", ")})`;
        add("lint", "error", "lint-snap-v2_confinement_classic_with_interfaces", { text: msg, manual_review: false, link: LINKS.classic });
        reject("classic-with-interfaces", msg);
      }
      if (!input.classicGranted) {
        const msg = "confinement 'classic' not allowed: this snap has no classic grant; request classic confinement (manual review)";
        add("lint", "error", "lint-snap-v2_confinement_classic", { text: msg, manual_review: true, link: LINKS.classic });
        needsManual("needs-classic-grant", msg);
      } else {
        add("lint", "info", "lint-snap-v2_confinement_classic", { text: "classic confinement granted for this snap", manual_review: false });
      }
    } else if (meta.confinement === "devmode") {
      add("lint", "warn", "lint-snap-v2_confinement_devmode", {
        text: "confinement 'devmode': can only be released to beta or edge, is never shown in search and is not refreshed automatically",
        manual_review: false,
      });
    } else {
      add("lint", "info", "lint-snap-v2_confinement_valid", { text: "OK (strict)", manual_review: false });
    }
    if (meta.grade === "devel") {
      add("lint", "info", "lint-snap-v2_grade_devel", { text: "grade 'devel': can only be released to beta or edge", manual_review: false });
    }

    // snap type red flag
    if ((RESTRICTED_SNAP_TYPES as readonly string[]).includes(meta.type)) {
      const msg = `(NEEDS REVIEW) type '${meta.type}' not allowed without a store review`;
      add("lint", "error", "lint-snap-v2_snap_type_redflag", { text: msg, manual_review: true });
      needsManual("restricted-snap-type", msg);
    }

    if (meta.architectures.length > 0) {
      add("lint", "info", "lint-snap-v2_architecture_valid", { text: `OK (${meta.architectures.join(", ")})`, manual_review: false });
    }

    if (meta.confinement !== "classic") reviewInterfaces(meta, input, add, needsManual);
  }

  const outcome: ReviewOutcome = rejected ? "rejected" : manual ? "need_manual_review" : "ready_to_release";
  errors.sort(
    (a, b) =>
      Number(REJECTING_CODES.has(b.code) || b.code === input.packageError?.code) - Number(REJECTING_CODES.has(a.code) || a.code === input.packageError?.code),
  );
  const anyError = SECTIONS.some((s) => Object.keys(sections[s].error).length > 0);
  const anyWarn = SECTIONS.some((s) => Object.keys(sections[s].warn).length > 0);
  return { outcome, report: { sections }, errors, exitCode: anyError ? 2 : anyWarn ? 3 : 0 };
}

type AddFn = (section: Section, level: "error" | "warn" | "info", name: string, result: CheckResult) => void;
type ManualFn = (code: string, message: string) => void;

function byName(items: Record<string, PlugOrSlot>): PlugOrSlot[] {
  return Object.values(items).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Installation of every plug and slot, as snapd 2.57 decides it when the snap is installed: on a
 * classic system and on Ubuntu Core (a declaration may allow one and not the other).
 */
function reviewInterfaces(meta: SnapMeta, input: ReviewInput, add: AddFn, needsManual: ManualFn) {
  for (const side of ["plug", "slot"] as const) {
    for (const item of byName(side === "plug" ? meta.plugs : meta.slots)) {
      const label = `${side} '${item.name}'`;
      const tag = `(${item.name})`;
      const known = isKnownTo257(item.interface);
      const info = getInterface(item.interface);
      if (!known) {
        add("security", "warn", `security-snap-v2_${side}_unknown_interface ${tag}`, {
          text: info
            ? `${label} uses interface '${item.interface}', which snapd 2.57 does not know (only later releases do): snapd 2.57 drops it when installing the snap`
            : `${label} uses interface '${item.interface}', which snapd does not know: snapd drops it when installing the snap`,
          manual_review: false,
          link: LINKS.interfaces,
        });
        if (!info) continue;
      }
      const dropped = prepareAttributes(side, item.interface, item.name, item.attributes).error;
      if (dropped) {
        add("security", "warn", `security-snap-v2_${side}_dropped ${tag}`, {
          text: `${label}: snapd drops it when installing the snap: ${dropped}`,
          manual_review: false,
          link: LINKS.interfaces,
        });
        continue;
      }
      reviewInstallation(side, item, known, meta, input, add, needsManual);
    }
  }
}

function reviewInstallation(side: "plug" | "slot", item: PlugOrSlot, known: boolean, meta: SnapMeta, input: ReviewInput, add: AddFn, needsManual: ManualFn) {
  const check = side === "plug" ? canInstall : canInstallSlot;
  const base = known ? BASE_DECLARATION : BASE_DECLARATION_WITH_NEWER;
  const opts = { snapType: meta.type, snapId: input.snapId, baseDeclaration: base };
  const onClassic = check(item, input.declaration, { ...opts, device: { classic: true } });
  const onCore = check(item, input.declaration, { ...opts, device: { classic: false } });
  const declName = `declaration-snap-v2_${side}s_installation (${item.name})`;
  const label = `${side} '${item.name}'`;
  if (!onClassic.allowed && !onCore.allowed) {
    const reserved = side === "plug" && isReservedInterface(item.interface);
    const msg = reserved
      ? `(NEEDS REVIEW) use of reserved interface '${item.interface}' (${label}) needs a snap-declaration; request it with the paths and the reason`
      : side === "plug"
        ? `(NEEDS REVIEW) human review required due to 'allow-installation' constraint for super-privileged interface '${item.interface}' (${label})`
        : `(NEEDS REVIEW) human review required due to 'allow-installation' constraint for ${label} of interface '${item.interface}' on a snap of type '${meta.type}'`;
    if (side === "plug") {
      add("security", "error", reserved ? `security-snap-v2_plug_reserved_${item.interface}` : `security-snap-v2_plug_installation_${item.interface}`, {
        text: msg,
        manual_review: true,
        link: LINKS.requests,
      });
    }
    add("declaration", "error", declName, { text: `${msg}: ${onClassic.reason}; request installation`, manual_review: true, link: LINKS.requests });
    needsManual(reserved ? "reserved-interface" : side === "plug" ? "super-privileged-interface" : "slot-installation-denied", msg);
    return;
  }
  const partly = [onClassic, onCore].find((d) => !d.allowed);
  if (partly) {
    const where = onClassic.allowed ? "Ubuntu Core" : "classic systems";
    add("declaration", "warn", declName, {
      text: `${label} (${item.interface}): installation is refused on ${where}: ${partly.reason}`,
      manual_review: false,
      link: LINKS.requests,
    });
  } else if (onClassic.source === "snap-declaration") {
    add("declaration", "info", declName, { text: `installation of ${label} allowed by the snap-declaration for '${item.interface}'`, manual_review: false });
  }
  const ex =
    side === "plug"
      ? explainPlug(item, input.declaration, { classicSystem: true, snapName: meta.name, snapType: meta.type })
      : explainSlot(item, input.declaration, { classicSystem: true, snapName: meta.name, snapType: meta.type });
  add("declaration", "info", `declaration-snap-v2_${side}s_${side === "plug" ? "auto_connection" : "connection"} (${item.name})`, {
    text: ex.text,
    manual_review: false,
  });
}
