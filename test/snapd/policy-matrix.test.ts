// The policy matrix against snapd 2.57.6's own code: every interface snapd knows × classic/Core ×
// {no declaration, an empty one, one granting installation, connection, auto-connection} ×
// {can-install, can-connect, can-auto-connect}, for plugs and for slots, with the snap types the
// rules tell apart; then attribute variants of the interfaces whose rules read attributes.
// Zero disagreements is the bar; every one is printed with its case.
import { describe, expect, it } from "vitest";
import { BASE_DECLARATION_257 } from "@/lib/policy/base-declaration";
import { haveSnapdToolchain } from "@/test/support/go";
import { compare, report, VALID_ATTRS, type Case, type Device, type SnapSpec } from "./policy-support";
import type { SnapDeclaration } from "@/lib/policy/declaration";

const DEVICES: [string, Device][] = [
  ["classic", { classic: true, osId: "ubuntu" }],
  ["core", { classic: false }],
];

const PLUG_ID = "PLUGSNAPidPLUGSNAPidPLUGSNAPid01";
const SLOT_ID = "SLOTSNAPidSLOTSNAPidSLOTSNAPid02";
const SNAPD_ID = "PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4"; // the snapd snap's real id (shared-memory names it)

type Variant = "none" | "empty" | "installation" | "connection" | "auto-connection";
const VARIANTS: Variant[] = ["none", "empty", "installation", "connection", "auto-connection"];

function decl(side: "plugs" | "slots", iface: string, v: Variant): SnapDeclaration | undefined {
  if (v === "none") return undefined;
  if (v === "empty") return {};
  return { [side]: { [iface]: { [`allow-${v}`]: true } } };
}

function withIds(s: SnapSpec, id: string, publisher: string): SnapSpec {
  return s.declaration ? { ...s, snapId: id, publisherId: publisher } : s;
}

function plugSnap(iface: string, type: string, declaration: SnapDeclaration | undefined): SnapSpec {
  return withIds({ name: "plugger", type, plugs: { p: { interface: iface, ...VALID_ATTRS[iface]?.plug } }, declaration }, PLUG_ID, "pub-plug");
}

function slotSnap(iface: string, type: string, declaration: SnapDeclaration | undefined): SnapSpec {
  const name = type === "snapd" ? "snapd" : "provider";
  const s: SnapSpec = { name, type, slots: { s: { interface: iface, ...VALID_ATTRS[iface]?.slot } }, declaration };
  return type === "snapd" ? withIds(s, SNAPD_ID, "canonical") : withIds(s, SLOT_ID, "pub-slot");
}

const INSTALL_TYPES = ["app", "gadget", "kernel", "os", "snapd"];

function matrix(): Case[] {
  const cases: Case[] = [];
  for (const iface of Object.keys(BASE_DECLARATION_257)) {
    for (const [dn, device] of DEVICES) {
      for (const v of VARIANTS) {
        const pd = decl("plugs", iface, v);
        const sd = decl("slots", iface, v);
        for (const t of INSTALL_TYPES) {
          cases.push({ id: `${iface}/${dn}/${v}/plug/install/${t}`, op: "install", device, snap: plugSnap(iface, t, pd) });
          cases.push({ id: `${iface}/${dn}/${v}/slot/install/${t}`, op: "install", device, snap: slotSnap(iface, t, sd) });
        }
        for (const op of ["connect", "auto-connect"] as const) {
          // plug-side grants: the plug meets snapd's slot, an app's slot, a gadget's slot
          for (const t of ["snapd", "app", "gadget"]) {
            cases.push({
              id: `${iface}/${dn}/${v}/plug/${op}/to-${t}`,
              op,
              device,
              plugSnap: plugSnap(iface, "app", pd),
              plug: "p",
              slotSnap: slotSnap(iface, t, {}),
              slot: "s",
            });
          }
          // slot-side grants: an app's plug meets the granted slot on an app or a gadget
          for (const t of ["app", "gadget"]) {
            cases.push({
              id: `${iface}/${dn}/${v}/slot/${op}/on-${t}`,
              op,
              device,
              plugSnap: plugSnap(iface, "app", {}),
              plug: "p",
              slotSnap: slotSnap(iface, t, sd),
              slot: "s",
            });
          }
        }
      }
    }
  }
  return cases;
}

/** Interfaces whose base rules read attributes, with the values that flip them. */
function attributeVariants(): Case[] {
  const cases: Case[] = [];
  const plugVariants: [string, Record<string, unknown>][] = [
    ["browser-support", { "allow-sandbox": true }],
    ["browser-support", { "allow-sandbox": false }],
    ["optical-drive", { write: true }],
    ["optical-drive", { write: false }],
    ["home", { read: "all" }],
    ["home", {}],
    ["shared-memory", { private: true }],
    ["shared-memory", { private: false }],
    ["shared-memory", { "shared-memory": "foo" }],
    ["shared-memory", { "shared-memory": "other" }],
    ["content", { target: "$SNAP/x", content: "foo" }],
    ["content", { target: "$SNAP/x", content: "bar" }],
    ["content", { target: "$SNAP/x" }],
    ["content", { target: "$SNAP/x", content: 5 }],
    ["posix-mq", { "posix-mq": "foo" }],
    ["posix-mq", {}],
    ["posix-mq", { "posix-mq": "s" }],
    ["custom-device", { "custom-device": "foo" }],
    ["custom-device", {}],
  ];
  const slotVariants: Record<string, Record<string, unknown>[]> = {
    "shared-memory": [{ write: ["foo"], "shared-memory": "foo" }, { write: ["foo"] }],
    content: [{ read: ["$SNAP/x"], content: "foo" }, { read: ["$SNAP/x"] }],
    "posix-mq": [{ path: "/foo", "posix-mq": "foo" }, { path: "/foo" }],
    "custom-device": [{ devices: ["/dev/foo"], "custom-device": "foo" }, { devices: ["/dev/foo"] }],
    dbus: [
      { bus: "session", name: "org.example.Foo" },
      { bus: "system", name: "org.example.Foo" },
    ],
    mpris: [{ name: "foo" }, {}],
  };
  const plugsFor: Record<string, Record<string, unknown>[]> = {};
  for (const [iface, attrs] of plugVariants) (plugsFor[iface] ??= []).push(attrs);
  plugsFor.dbus = [
    { bus: "session", name: "org.example.Foo" },
    { bus: "system", name: "org.example.Foo" },
  ];
  plugsFor.mpris = [{}];
  let n = 0;
  for (const [dn, device] of DEVICES) {
    for (const [iface, plugs] of Object.entries(plugsFor)) {
      for (const pa of plugs) {
        for (const sameId of [true, false]) {
          const slots = slotVariants[iface] ?? [{}];
          for (const sa of slots) {
            for (const t of ["snapd", "app"]) {
              const p: SnapSpec = { name: "plugger", plugs: { p: { interface: iface, ...pa } }, declaration: {}, snapId: PLUG_ID, publisherId: "pub-plug" };
              const s: SnapSpec = {
                name: t === "snapd" ? "snapd" : "provider",
                type: t,
                slots: { s: { interface: iface, ...sa } },
                declaration: {},
                snapId: t === "snapd" ? SNAPD_ID : SLOT_ID,
                publisherId: sameId ? "pub-plug" : "pub-slot",
              };
              for (const op of ["connect", "auto-connect"] as const) {
                cases.push({
                  id: `attr#${n++}/${iface}/${dn}/${op}/${t}/${sameId ? "same" : "other"}-publisher`,
                  op,
                  device,
                  plugSnap: p,
                  plug: "p",
                  slotSnap: s,
                  slot: "s",
                });
              }
            }
          }
          cases.push({
            id: `attr#${n++}/${iface}/${dn}/install-plug`,
            op: "install",
            device,
            snap: { name: "plugger", plugs: { p: { interface: iface, ...pa } } },
          });
        }
      }
      for (const sa of slotVariants[iface] ?? []) {
        for (const t of INSTALL_TYPES) {
          cases.push({
            id: `attr#${n++}/${iface}/${dn}/install-slot/${t}`,
            op: "install",
            device,
            snap: { name: "provider", type: t, slots: { s: { interface: iface, ...sa } } },
          });
        }
      }
    }
  }
  return cases;
}

describe.skipIf(!haveSnapdToolchain("policy matrix differential"))("interface policy agrees with snapd 2.57.6", () => {
  it("the policy matrix", () => {
    const cases = matrix();
    const { disagreements, answers } = compare(cases);
    const dropped = answers.filter((a) => a.bad && Object.keys(a.bad).length > 0);
    console.log(
      `policy matrix: ${cases.length} cases (${Object.keys(BASE_DECLARATION_257).length} interfaces × ${DEVICES.length} systems × ${VARIANTS.length} declarations × 20 questions), ${cases.length - disagreements.length} agree, ${disagreements.length} disagree; snapd allows ${answers.filter((a) => a.allowed).length}, refuses ${answers.filter((a) => !a.allowed).length}`,
    );
    expect(
      dropped.map((a) => `${a.id}: ${JSON.stringify(a.bad)}`),
      "snapd dropped a test plug or slot: fix VALID_ATTRS",
    ).toEqual([]);
    expect(disagreements.length, report(disagreements)).toBe(0);
  }, 600_000);

  it("attribute variants", () => {
    const cases = attributeVariants();
    const { disagreements } = compare(cases);
    console.log(`policy attribute variants: ${cases.length} cases, ${disagreements.length} disagree`);
    expect(disagreements.length, report(disagreements)).toBe(0);
  }, 600_000);
});
