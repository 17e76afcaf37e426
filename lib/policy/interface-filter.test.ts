import { describe, expect, it } from "vitest";
import { filterInterfaceSummaries, interfaceSummaries, type InterfaceFilter } from "./interfaces";

describe("filterInterfaceSummaries", () => {
  const all = interfaceSummaries();
  const names = (f: InterfaceFilter) => filterInterfaceSummaries(all, f).map((i) => i.name);
  const cases: [string, InterfaceFilter, (n: string[]) => void][] = [
    ["no filter keeps everything", {}, (n) => expect(n).toHaveLength(all.length)],
    ["a name word", { q: "camera" }, (n) => expect(n).toContain("camera")],
    ["words match the summary too, all of them", { q: "CAMERAS access" }, (n) => expect(n).toContain("camera")],
    ["a word nothing has", { q: "no-such-interface-word" }, (n) => expect(n).toEqual([])],
    ["auto-connects on classic", { autoConnect: "classic" }, (n) => expect(n).toEqual(expect.arrayContaining(["network", "x11"]))],
    ["auto-connects on core: x11 does not", { autoConnect: "core" }, (n) => expect(n).not.toContain("x11")],
    ["never auto-connects", { autoConnect: "none" }, (n) => expect(n).toEqual(expect.arrayContaining(["camera"]))],
    ["super-privileged only", { superPrivileged: true }, (n) => expect(n).toEqual(expect.arrayContaining(["snapd-control", "docker"]))],
    ["not super-privileged", { superPrivileged: false }, (n) => expect(n).not.toContain("snapd-control")],
  ];
  it.each(cases)("%s", (_name, f, check) => check(names(f)));

  it("every result satisfies the filter it was asked for", () => {
    for (const i of filterInterfaceSummaries(all, { autoConnect: "none", superPrivileged: true })) {
      expect(i["auto-connect"]).toEqual({ classic: false, core: false });
      expect(i["super-privileged"]).toBe(true);
    }
  });
});
