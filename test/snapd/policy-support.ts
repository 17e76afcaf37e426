// Shared by the policy differential suites: builds cases (snap.yaml text + declarations + device),
// asks snapd 2.57's own code (test/snapd/go/src/snapstore/policydiff) and lib/policy the same
// questions, and lists every disagreement with its case.
import { stringify } from "yaml";
import { parseSnapYaml, type PlugOrSlot, type SnapMeta } from "@/lib/snap/snap-yaml";
import { canAutoConnect, canConnect, canInstall, canInstallSlot, type Decision, type DeviceContext, type SnapDeclaration } from "@/lib/policy/declaration";
import { isKnownTo257 } from "@/lib/policy/interfaces";
import { prepareAttributes } from "@/lib/policy/prepare";
import { compileDeclaration, DeclarationError } from "@/lib/policy/rules";
import { runGoProgram } from "@/test/support/go";

/**
 * The least attributes snapd accepts for a plug or slot of these interfaces (without them its
 * sanitizer drops the plug or slot before any policy check). Chosen not to touch any rule.
 */
export const VALID_ATTRS: Record<string, { plug?: Record<string, unknown>; slot?: Record<string, unknown> }> = {
  "bool-file": { slot: { path: "/sys/class/leds/input27::capslock/brightness" } },
  content: { plug: { target: "$SNAP/shared" }, slot: { read: ["$SNAP/shared"] } },
  "custom-device": { slot: { devices: ["/dev/foo"] } },
  dbus: { plug: { bus: "session", name: "org.example.Foo" }, slot: { bus: "session", name: "org.example.Foo" } },
  gpio: { slot: { number: 17 } },
  hidraw: { slot: { path: "/dev/hidraw0" } },
  i2c: { slot: { path: "/dev/i2c-1" } },
  iio: { slot: { path: "/dev/iio:device0" } },
  "netlink-driver": { plug: { "family-name": "foo" }, slot: { family: 100, "family-name": "foo" } },
  "personal-files": { plug: { read: ["$HOME/.config/foo"] } },
  pkcs11: { slot: { "pkcs11-socket": "/run/p11-kit/pkcs11-foo" } },
  polkit: { plug: { "action-prefix": "org.example.foo" } },
  "posix-mq": { slot: { path: "/foo" } },
  pwm: { slot: { channel: 0, "chip-number": 0 } },
  "raw-volume": { slot: { path: "/dev/sda1" } },
  "serial-port": { slot: { path: "/dev/ttyS0" } },
  "shared-memory": { slot: { write: ["foo"] } },
  spi: { slot: { path: "/dev/spidev0.0" } },
  "system-files": { plug: { read: ["/etc/foo"] } },
  uio: { slot: { path: "/dev/uio0" } },
};

export interface SnapSpec {
  name: string;
  type?: string;
  plugs?: Record<string, Record<string, unknown>>;
  slots?: Record<string, Record<string, unknown>>;
  declaration?: SnapDeclaration;
  snapId?: string;
  publisherId?: string;
}

export type Device = DeviceContext;

export type Case =
  | { id: string; op: "install"; device: Device; snap: SnapSpec }
  | { id: string; op: "connect" | "auto-connect"; device: Device; plugSnap: SnapSpec; plug: string; slotSnap: SnapSpec; slot: string };

export interface Answer {
  id: string;
  allowed: boolean;
  error?: string;
  slotsPerPlug?: string;
  bad?: Record<string, string>;
  invalid?: string;
}

export function snapYaml(s: SnapSpec): string {
  const doc: Record<string, unknown> = { name: s.name, version: "1" };
  if (s.type) doc.type = s.type;
  if (s.plugs && Object.keys(s.plugs).length) doc.plugs = s.plugs;
  if (s.slots && Object.keys(s.slots).length) doc.slots = s.slots;
  return stringify(doc);
}

function goSnap(s: SnapSpec) {
  return { yaml: snapYaml(s), declaration: s.declaration ?? null, snapId: s.snapId ?? "", publisherId: s.publisherId ?? "" };
}

/** Asks snapd's code; answers in case order. */
export function askSnapd(cases: Case[]): Answer[] {
  const lines = cases.map((c) => {
    const d = {
      classic: c.device.classic,
      osId: c.device.osId ?? "",
      brand: c.device.brand ?? "",
      model: c.device.model ?? "",
      store: c.device.store ?? "",
      friendlyStores: c.device.friendlyStores ?? null,
    };
    return JSON.stringify(
      c.op === "install"
        ? { id: c.id, op: c.op, ...d, snap: goSnap(c.snap) }
        : { id: c.id, op: c.op, ...d, plugSnap: goSnap(c.plugSnap), plug: c.plug, slotSnap: goSnap(c.slotSnap), slot: c.slot },
    );
  });
  const out = runGoProgram("policydiff", [], lines.join("\n") + "\n");
  const answers = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Answer);
  if (answers.length !== cases.length) throw new Error(`policydiff answered ${answers.length} of ${cases.length} cases`);
  return answers;
}

function meta(s: SnapSpec): SnapMeta {
  const { meta, errors } = parseSnapYaml(snapYaml(s));
  if (!meta || errors.length) throw new Error(`test snap.yaml does not parse: ${JSON.stringify(errors)}`);
  return meta;
}

/** What snapd keeps of a snap's plugs or slots: known to 2.57 and accepted by its defaulting. */
function kept(side: "plug" | "slot", items: Record<string, PlugOrSlot>): PlugOrSlot[] {
  return Object.values(items).filter((p) => isKnownTo257(p.interface) && !prepareAttributes(side, p.interface, p.name, p.attributes).error);
}

export interface OurAnswer {
  allowed: boolean;
  decision?: Decision;
  slotsPerPlug?: string;
}

/** Asks lib/policy the same question. */
export function askUs(c: Case): OurAnswer {
  if (c.op === "install") {
    const m = meta(c.snap);
    const opts = { snapType: m.type, device: c.device, snapId: c.snap.declaration ? c.snap.snapId : undefined };
    for (const slot of kept("slot", m.slots)) {
      const d = canInstallSlot(slot, c.snap.declaration, opts);
      if (!d.allowed) return { allowed: false, decision: d };
    }
    for (const plug of kept("plug", m.plugs)) {
      const d = canInstall(plug, c.snap.declaration, opts);
      if (!d.allowed) return { allowed: false, decision: d };
    }
    return { allowed: true };
  }
  const pm = meta(c.plugSnap);
  const sm = meta(c.slotSnap);
  const plug = pm.plugs[c.plug];
  const slot = sm.slots[c.slot];
  const slotSide = {
    slot,
    decl: c.slotSnap.declaration,
    snapType: sm.type,
    publisherId: c.slotSnap.declaration ? c.slotSnap.publisherId : undefined,
    snapId: c.slotSnap.declaration ? c.slotSnap.snapId : undefined,
  };
  const env = {
    classicSystem: c.device.classic,
    device: c.device,
    plugSnapType: pm.type,
    plugPublisherId: c.plugSnap.declaration ? c.plugSnap.publisherId : undefined,
    plugSnapId: c.plugSnap.declaration ? c.plugSnap.snapId : undefined,
  };
  const d = (c.op === "connect" ? canConnect : canAutoConnect)(plug, c.plugSnap.declaration, slotSide, env);
  return { allowed: d.allowed, decision: d, slotsPerPlug: c.op === "auto-connect" && d.allowed ? String(d.slotsPerPlug) : undefined };
}

export interface Disagreement {
  case: Case;
  snapd: Answer;
  ours: OurAnswer;
}

function declarationRefused(d: SnapDeclaration | undefined): boolean {
  try {
    compileDeclaration(d);
    return false;
  } catch (e) {
    if (e instanceof DeclarationError) return true;
    throw e;
  }
}

/** Runs every case on both sides; returns the disagreements (and snapd's answers). */
export function compare(cases: Case[]): { disagreements: Disagreement[]; answers: Answer[] } {
  const answers = askSnapd(cases);
  const disagreements: Disagreement[] = [];
  cases.forEach((c, i) => {
    const a = answers[i];
    if (a.invalid) {
      // snapd refused a declaration: we must refuse the same one
      const decl =
        a.invalid.startsWith("declaration:") && c.op === "install"
          ? c.snap.declaration
          : a.invalid.startsWith("plug declaration:") && c.op !== "install"
            ? c.plugSnap.declaration
            : a.invalid.startsWith("slot declaration:") && c.op !== "install"
              ? c.slotSnap.declaration
              : "not a declaration problem";
      if (decl === "not a declaration problem" || !declarationRefused(decl)) disagreements.push({ case: c, snapd: a, ours: { allowed: false } });
      return;
    }
    if (
      c.op === "install" ? declarationRefused(c.snap.declaration) : declarationRefused(c.plugSnap.declaration) || declarationRefused(c.slotSnap.declaration)
    ) {
      disagreements.push({
        case: c,
        snapd: a,
        ours: { allowed: false, decision: { allowed: false, reason: "we refuse the declaration", source: "snap-declaration" } },
      });
      return;
    }
    const ours = askUs(c);
    if (ours.allowed !== a.allowed || (ours.slotsPerPlug ?? "") !== (a.slotsPerPlug ?? "")) disagreements.push({ case: c, snapd: a, ours });
  });
  return { disagreements, answers };
}

/** One line per disagreement, enough to reproduce it. */
export function report(ds: Disagreement[], max = 40): string {
  return ds
    .slice(0, max)
    .map((d) => {
      const snaps = d.case.op === "install" ? snapYaml(d.case.snap) : `${snapYaml(d.case.plugSnap)}---\n${snapYaml(d.case.slotSnap)}`;
      return `${d.case.id}: snapd ${d.snapd.allowed ? "allows" : "refuses"}${d.snapd.error ? ` (${d.snapd.error})` : ""}${d.snapd.invalid ? ` [invalid: ${d.snapd.invalid}]` : ""}${d.snapd.slotsPerPlug ? ` slots-per-plug ${d.snapd.slotsPerPlug}` : ""}; we ${d.ours.allowed ? "allow" : "refuse"}${d.ours.decision ? ` (${d.ours.decision.reason})` : ""}${d.ours.slotsPerPlug ? ` slots-per-plug ${d.ours.slotsPerPlug}` : ""}\n  device ${JSON.stringify(d.case.device)}\n  ${snaps.replace(/\n/g, "\n  ")}\n  declarations ${JSON.stringify(d.case.op === "install" ? d.case.snap.declaration : [d.case.plugSnap.declaration, d.case.slotSnap.declaration])}`;
    })
    .join("\n");
}
