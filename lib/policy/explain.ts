/**
 * Person-readable explanation of what happens to a plug, for the upload result page and CLI.
 */
import type { PlugOrSlot, SnapType } from "../snap/snap-yaml";
import { canAutoConnect, canInstall, type SnapDeclaration } from "./declaration";
import { getInterface } from "./interfaces";

export interface PlugExplanation {
  interface: string;
  /** Plug name (may differ from the interface). */
  plug: string;
  description: string;
  known: boolean;
  installable: boolean;
  autoConnects: boolean;
  /** true when it auto-connects on classic systems but not on Ubuntu Core (x11, wayland, home). */
  classicOnly: boolean;
  /** What the publisher would have to request from the store, if anything. */
  needsRequest: null | "installation" | "auto-connection";
  text: string;
}

export function explainPlug(
  plug: PlugOrSlot,
  decl?: SnapDeclaration,
  opts: { classicSystem: boolean; snapName?: string; snapType?: SnapType } = { classicSystem: true },
): PlugExplanation {
  const info = getInterface(plug.interface);
  const description = info ? info.description : "unknown interface";
  const label = plug.name === plug.interface ? plug.interface : `${plug.name} (${plug.interface})`;
  const connectCmd = `snap connect ${opts.snapName ?? "<snap>"}:${plug.name}`;
  const base = { interface: plug.interface, plug: plug.name, description, known: !!info };

  const install = canInstall(plug, decl, { snapType: opts.snapType, classicSystem: opts.classicSystem });
  if (!install.allowed) {
    const reserved = info?.reserved ? " (reserved interface: each use is reviewed)" : "";
    return {
      ...base,
      installable: false,
      autoConnects: false,
      classicOnly: false,
      needsRequest: "installation",
      text: `${label}: installation is not allowed without a snap-declaration${reserved}; request installation (the upload needs manual review)`,
    };
  }

  if (info?.autoConnect === "same-publisher" && !decl?.plugs?.[plug.interface]) {
    const content = typeof plug.attributes.content === "string" ? ` "${plug.attributes.content}"` : "";
    return {
      ...base,
      installable: true,
      autoConnects: false,
      classicOnly: false,
      needsRequest: null,
      text: `${label}: connects to a slot offering content${content}; auto-connected only when both snaps have the same publisher, otherwise users run \`${connectCmd}\``,
    };
  }

  const auto = canAutoConnect(plug, decl, undefined, { classicSystem: opts.classicSystem, plugSnapType: opts.snapType });
  const onClassic = canAutoConnect(plug, decl, undefined, { classicSystem: true, plugSnapType: opts.snapType }).allowed;
  const onCore = canAutoConnect(plug, decl, undefined, { classicSystem: false, plugSnapType: opts.snapType }).allowed;
  const classicOnly = onClassic && !onCore;
  const granted = auto.source === "snap-declaration" ? " (granted by the snap-declaration)" : "";

  if (auto.allowed) {
    return {
      ...base,
      installable: true,
      autoConnects: true,
      classicOnly,
      needsRequest: null,
      text: classicOnly
        ? `${label}: auto-connected on classic systems (${description}); on Ubuntu Core users connect it with \`${connectCmd}\``
        : `${label}: auto-connected (${description})${granted}`,
    };
  }

  const unless = info?.autoConnectUnless?.find((u) => plug.attributes[u.attribute] === u.value);
  const why = unless ? ` because of ${unless.attribute}: ${String(unless.value)}` : "";
  const where = classicOnly ? " on Ubuntu Core" : "";
  return {
    ...base,
    installable: true,
    autoConnects: false,
    classicOnly,
    needsRequest: info ? "auto-connection" : null,
    text: info
      ? `${label}: not auto-connected${where}${why} (${description}); users connect it with \`${connectCmd}\`, or request auto-connection`
      : `${label}: unknown interface, never auto-connected; users connect it with \`${connectCmd}\` if a slot provides it`,
  };
}
