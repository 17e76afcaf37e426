/**
 * Person-readable explanations of what happens to each plug and slot of a snap, for the upload
 * result page, the reviewer's page and the CLI: which rule decided (from which declaration and
 * side), and what grant would change it (an installation, connection or auto-connection request).
 * Pure.
 */
import type { PlugOrSlot, SnapType } from "../snap/snap-yaml";
import { canAutoConnect, canConnect, canInstall, canInstallSlot, type Decision, type DeviceContext, type SnapDeclaration } from "./declaration";
import { getInterface, isKnownTo257, usualSlot } from "./interfaces";
import { BASE_DECLARATION_257, NEWER_INTERFACES } from "./base-declaration";

export type Grant = "installation" | "connection" | "auto-connection";

/** The rule behind a decision, for display. */
export interface DecidedBy {
  source: Decision["source"];
  side?: "plug" | "slot";
  subrule?: string;
  reason: string;
}

export interface PlugExplanation {
  interface: string;
  /** Plug name (may differ from the interface). */
  plug: string;
  description: string;
  known: boolean;
  /** Whether snapd 2.57 knows the interface (it drops plugs of any other). */
  knownTo257: boolean;
  installable: boolean;
  autoConnects: boolean;
  /** true when it auto-connects on classic systems but not on Ubuntu Core (x11, wayland, home). */
  classicOnly: boolean;
  /** What the publisher would have to request from the store, if anything. */
  needsRequest: null | "installation" | "auto-connection";
  /** The grant that would change the outcome shown (same as needsRequest, or "connection"). */
  grant: null | Grant;
  /** The rule that decided the outcome shown. */
  decidedBy: DecidedBy;
  text: string;
}

export interface ExplainOptions {
  classicSystem: boolean;
  snapName?: string;
  snapType?: SnapType;
  /** The device (overrides classicSystem). */
  device?: DeviceContext;
  snapId?: string;
  publisherId?: string;
}

function decided(d: Decision): DecidedBy {
  return { source: d.source, side: d.side, subrule: d.subrule, reason: d.reason };
}

function who(d: Decision): string {
  if (!d.side) return "";
  return ` (${d.subrule ?? "rule"} in the ${d.source === "snap-declaration" ? "snap-declaration" : "base declaration"}'s ${d.side} rule)`;
}

// eslint-disable-next-line max-lines-per-function -- one case per snapd rule (installation, then connection, then auto-connection), read top to bottom like snapd's policy
export function explainPlug(plug: PlugOrSlot, decl?: SnapDeclaration, opts: ExplainOptions = { classicSystem: true }): PlugExplanation {
  const info = getInterface(plug.interface);
  const description = info ? info.description : "unknown interface";
  const label = plug.name === plug.interface ? plug.interface : `${plug.name} (${plug.interface})`;
  const connectCmd = `snap connect ${opts.snapName ?? "<snap>"}:${plug.name}`;
  const knownTo257 = isKnownTo257(plug.interface);
  const base = { interface: plug.interface, plug: plug.name, description, known: !!info, knownTo257 };
  const device = opts.device ?? { classic: opts.classicSystem };
  const install = canInstall(plug, decl, { snapType: opts.snapType, device, snapId: opts.snapId });

  if (!install.allowed) {
    const reserved = info?.reserved ? " (reserved interface: each use is reviewed)" : "";
    return {
      ...base,
      installable: false,
      autoConnects: false,
      classicOnly: false,
      needsRequest: "installation",
      grant: "installation",
      decidedBy: decided(install),
      text: `${label}: installation is not allowed without a snap-declaration${reserved}${who(install)}; request installation (the upload needs manual review)`,
    };
  }

  if (!info) {
    return {
      ...base,
      installable: true,
      autoConnects: false,
      classicOnly: false,
      needsRequest: null,
      grant: null,
      decidedBy: decided(install),
      text: `${label}: unknown interface, dropped by snapd when it installs the snap`,
    };
  }

  const policy = BASE_DECLARATION_257[plug.interface] ?? NEWER_INTERFACES[plug.interface];
  const ask = (classic: boolean) =>
    canAutoConnect(plug, decl, usualSlot(plug.interface, policy, classic ? "classic" : "core"), {
      classicSystem: classic,
      device: { ...device, classic },
      plugSnapType: opts.snapType,
      plugPublisherId: opts.publisherId ?? "plug-publisher",
      plugSnapId: opts.snapId,
    });
  const onClassic = ask(true);
  const onCore = ask(false);
  const auto = device.classic ? onClassic : onCore;
  const classicOnly = onClassic.allowed && !onCore.allowed;
  const granted = auto.source === "snap-declaration" ? " (granted by the snap-declaration)" : "";
  const newer = knownTo257 ? "" : "; snapd 2.57 does not know this interface and drops the plug";

  if (info.autoConnect === "same-publisher" && !auto.allowed && auto.source === "base-declaration") {
    const content = typeof plug.attributes.content === "string" ? ` "${plug.attributes.content}"` : "";
    return {
      ...base,
      installable: true,
      autoConnects: false,
      classicOnly: false,
      needsRequest: null,
      grant: "auto-connection",
      decidedBy: decided(auto),
      text: `${label}: connects to a slot offering ${plug.interface === "content" ? `content${content}` : "the same name"}; auto-connected only when both snaps have the same publisher, otherwise users run \`${connectCmd}\`${newer}`,
    };
  }

  if (auto.allowed) {
    return {
      ...base,
      installable: true,
      autoConnects: true,
      classicOnly,
      needsRequest: null,
      grant: null,
      decidedBy: decided(auto),
      text: classicOnly
        ? `${label}: auto-connected on classic systems (${description}); on Ubuntu Core users connect it with \`${connectCmd}\`${newer}`
        : `${label}: auto-connected (${description})${granted}${newer}`,
    };
  }

  const unless = info.autoConnectUnless?.find((u) => String(plug.attributes[u.attribute]) === String(u.value));
  const why = unless ? ` because of ${unless.attribute}: ${String(unless.value)}` : "";
  const where = onClassic.allowed ? " on Ubuntu Core" : "";
  return {
    ...base,
    installable: true,
    autoConnects: false,
    classicOnly,
    needsRequest: "auto-connection",
    grant: "auto-connection",
    decidedBy: decided(auto),
    text: `${label}: not auto-connected${where}${why} (${description}); users connect it with \`${connectCmd}\`, or request auto-connection${who(auto)}${newer}`,
  };
}

export interface SlotExplanation {
  interface: string;
  slot: string;
  description: string;
  known: boolean;
  knownTo257: boolean;
  installable: boolean;
  /** Whether other snaps' plugs may connect to it without a grant (manual connection). */
  connectable: boolean;
  autoConnects: boolean;
  grant: null | Grant;
  decidedBy: DecidedBy;
  text: string;
}

/**
 * What happens to a slot the snap provides: may the snap be installed with it, and may other
 * snaps' plugs connect (manually, automatically) without a grant on this snap's declaration.
 */
export function explainSlot(slot: PlugOrSlot, decl?: SnapDeclaration, opts: ExplainOptions = { classicSystem: true }): SlotExplanation {
  const info = getInterface(slot.interface);
  const description = info ? info.description : "unknown interface";
  const label = slot.name === slot.interface ? slot.interface : `${slot.name} (${slot.interface})`;
  const knownTo257 = isKnownTo257(slot.interface);
  const base = { interface: slot.interface, slot: slot.name, description, known: !!info, knownTo257 };
  const device = opts.device ?? { classic: opts.classicSystem };
  const install = canInstallSlot(slot, decl, { snapType: opts.snapType, device, snapId: opts.snapId });
  if (!install.allowed) {
    return {
      ...base,
      installable: false,
      connectable: false,
      autoConnects: false,
      grant: "installation",
      decidedBy: decided(install),
      text: `${label}: providing this slot needs a snap-declaration${who(install)}; request installation (the upload needs manual review)`,
    };
  }
  if (!info) {
    return {
      ...base,
      installable: true,
      connectable: false,
      autoConnects: false,
      grant: null,
      decidedBy: decided(install),
      text: `${label}: unknown interface, dropped by snapd when it installs the snap`,
    };
  }
  // a plain plug of another publisher's app snap
  const plug: PlugOrSlot = { name: slot.interface, interface: slot.interface, attributes: {}, apps: [], hooks: [], implicit: false };
  const side = { slot, decl: decl ?? {}, snapType: opts.snapType ?? "app", publisherId: opts.publisherId ?? "slot-publisher", snapId: opts.snapId };
  const env = { classicSystem: device.classic, device, plugSnapType: "app" as const, plugPublisherId: "another-publisher" };
  const conn = canConnect(plug, {}, side, env);
  const auto = canAutoConnect(plug, {}, side, env);
  const newer = knownTo257 ? "" : "; snapd 2.57 does not know this interface and drops the slot";
  if (!conn.allowed) {
    return {
      ...base,
      installable: true,
      connectable: false,
      autoConnects: false,
      grant: "connection",
      decidedBy: decided(conn),
      text: `${label}: other snaps cannot connect to it without a grant${who(conn)}; request connection${newer}`,
    };
  }
  return {
    ...base,
    installable: true,
    connectable: true,
    autoConnects: auto.allowed,
    grant: auto.allowed ? null : "auto-connection",
    decidedBy: decided(auto.allowed ? conn : auto),
    text: auto.allowed
      ? `${label}: other snaps' plugs connect to it automatically${newer}`
      : `${label}: other snaps' plugs connect to it by hand (\`snap connect <snap>:<plug> ${opts.snapName ?? "<snap>"}:${slot.name}\`)${who(auto)}${newer}`,
  };
}
