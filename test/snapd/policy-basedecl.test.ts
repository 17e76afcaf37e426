// Our base declaration data (lib/policy/base-declaration.ts) against the one snapd 2.57.6 composes
// from its interfaces/builtin (test/snapd/go/src/snapstore/policybasedecl), rule by rule; and the
// interface summaries GET /api/v1/interfaces serves (interfaceSummaries) against snapd's own
// answers to the questions that define them.
import { describe, expect, it } from "vitest";
import { BASE_DECLARATION_257, NEWER_INTERFACES } from "@/lib/policy/base-declaration";
import { interfaceSummaries } from "@/lib/policy/interfaces";
import { toAssertionForm } from "@/lib/policy/rules";
import { haveSnapdToolchain, runGoProgram } from "@/test/support/go";
import { askSnapd, VALID_ATTRS, type Case, type SnapSpec } from "./policy-support";

interface SnapdInterface {
  name: string;
  summary: string;
  implicitOnCore: boolean;
  implicitOnClassic: boolean;
  plugs?: unknown;
  slots?: unknown;
}

const SNAPD_ID = "PMrrV4ml8uWuEUDBT8dSGnKUYbevVhc4";

describe.skipIf(!haveSnapdToolchain("base declaration differential"))("base declaration agrees with snapd 2.57.6", () => {
  const snapd = (): SnapdInterface[] => JSON.parse(runGoProgram("policybasedecl", []));

  it("lists exactly the interfaces snapd 2.57.6 knows, with the same rules and system slots", () => {
    const theirs = snapd();
    console.log(
      `base declaration: snapd 2.57.6 knows ${theirs.length} interfaces; we list ${Object.keys(BASE_DECLARATION_257).length} of them and ${Object.keys(NEWER_INTERFACES).length} newer ones`,
    );
    expect(Object.keys(BASE_DECLARATION_257).sort()).toEqual(theirs.map((i) => i.name).sort());
    const differences: string[] = [];
    for (const i of theirs) {
      const ours = BASE_DECLARATION_257[i.name];
      const system = [...(i.implicitOnClassic ? ["classic"] : []), ...(i.implicitOnCore ? ["core"] : [])];
      if (JSON.stringify(ours.systemSlot ?? []) !== JSON.stringify(system))
        differences.push(`${i.name}: system slot ${JSON.stringify(ours.systemSlot)} != ${JSON.stringify(system)}`);
      for (const side of ["plugs", "slots"] as const) {
        const a = canonical(toAssertionForm(ours[side]));
        const b = canonical(i[side]);
        if (a !== b) differences.push(`${i.name} ${side}:\n  ours  ${a}\n  snapd ${b}`);
      }
      if (!ours.summary || ours.summary.length < 5) differences.push(`${i.name}: no summary`);
    }
    expect(differences.join("\n")).toBe("");
    // none of the newer ones is one snapd 2.57 knows under the same name
    expect(Object.keys(NEWER_INTERFACES).filter((n) => theirs.some((i) => i.name === n))).toEqual([]);
  });

  it("interfaceSummaries agrees with snapd's answers for every interface it knows", () => {
    const summaries = interfaceSummaries().filter((s) => s.name in BASE_DECLARATION_257);
    expect(summaries).toHaveLength(Object.keys(BASE_DECLARATION_257).length);
    const cases: Case[] = [];
    for (const { name } of summaries) {
      const policy = BASE_DECLARATION_257[name];
      const plug = { p: { interface: name, ...VALID_ATTRS[name]?.plug } };
      const slot = { s: { interface: name, ...VALID_ATTRS[name]?.slot } };
      for (const system of ["classic", "core"] as const) {
        const plugSnap: SnapSpec = { name: "plugger", plugs: plug, declaration: {}, snapId: "PLUGSNAPidPLUGSNAPidPLUGSNAPid01", publisherId: "plug-publisher" };
        const slotSnap: SnapSpec = policy.systemSlot?.includes(system)
          ? { name: "snapd", type: "snapd", slots: slot, declaration: {}, snapId: SNAPD_ID, publisherId: "canonical" }
          : { name: "provider", slots: slot, declaration: {}, snapId: "SLOTSNAPidSLOTSNAPidSLOTSNAPid02", publisherId: "slot-publisher" };
        cases.push({
          id: `${name}/auto-connect/${system}`,
          op: "auto-connect",
          device: { classic: system === "classic", osId: "ubuntu" },
          plugSnap,
          plug: "p",
          slotSnap,
          slot: "s",
        });
      }
      cases.push({ id: `${name}/install-plug`, op: "install", device: { classic: true }, snap: { name: "plugger", plugs: plug } });
      for (const type of ["app", "gadget", "kernel", "os"]) {
        cases.push({ id: `${name}/install-slot/${type}`, op: "install", device: { classic: true }, snap: { name: "provider", type, slots: slot } });
      }
    }
    const answers = new Map(askSnapd(cases).map((a) => [a.id, a]));
    const differences: string[] = [];
    for (const s of summaries) {
      const auto = { classic: answers.get(`${s.name}/auto-connect/classic`)!.allowed, core: answers.get(`${s.name}/auto-connect/core`)!.allowed };
      const superPrivileged =
        !answers.get(`${s.name}/install-plug`)!.allowed || ["app", "gadget", "kernel", "os"].every((t) => !answers.get(`${s.name}/install-slot/${t}`)!.allowed);
      if (JSON.stringify(auto) !== JSON.stringify(s["auto-connect"]))
        differences.push(`${s.name}: auto-connect ${JSON.stringify(s["auto-connect"])}, snapd ${JSON.stringify(auto)}`);
      if (superPrivileged !== s["super-privileged"]) differences.push(`${s.name}: super-privileged ${s["super-privileged"]}, snapd ${superPrivileged}`);
    }
    const counts = {
      autoClassic: summaries.filter((s) => s["auto-connect"].classic).length,
      autoCore: summaries.filter((s) => s["auto-connect"].core).length,
      superPrivileged: summaries.filter((s) => s["super-privileged"]).length,
    };
    console.log(
      `interface summaries: ${summaries.length} interfaces (${cases.length} questions to snapd); auto-connect on classic ${counts.autoClassic}, on Core ${counts.autoCore}, super-privileged ${counts.superPrivileged}; ${differences.length} disagree`,
    );
    expect(differences.join("\n")).toBe("");
  }, 300_000);
});

/** JSON with map keys sorted, so rules compare whatever order their keys were written in. */
function canonical(v: unknown): string {
  if (v === undefined) return "none";
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x && typeof x === "object"
        ? Object.fromEntries(
            Object.entries(x)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, y]) => [k, sort(y)]),
          )
        : x;
  return JSON.stringify(sort(v));
}
