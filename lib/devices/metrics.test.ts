import { describe, expect, it } from "vitest";
import { chartLines, installedBase, type InstallFact } from "./metrics";

const at = (s: string) => new Date(`${s}T12:00:00Z`);
const facts: InstallFact[] = [
  { deviceId: "a", installedAt: at("2026-01-01"), channel: "latest/stable", version: "1.0", architecture: "amd64", system: "classic" },
  { deviceId: "b", installedAt: at("2026-01-03"), channel: "latest/stable", version: "1.1", architecture: "arm64", system: "core" },
  { deviceId: "c", installedAt: at("2026-01-04"), channel: "latest/edge", version: "1.1", architecture: "amd64", system: "classic" },
];

describe("installedBase", () => {
  it("counts devices per day from their install day, split by the dimension", () => {
    const m = installedBase(facts, "channel", at("2026-01-04"), 4);
    expect(m.metric).toBe("installed_base_by_channel");
    expect(m.buckets).toEqual(["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04"]);
    expect(m.series).toEqual([
      { name: "latest/stable", values: [1, 1, 2, 2] },
      { name: "latest/edge", values: [0, 0, 0, 1] },
    ]);
    expect(installedBase(facts, "system", at("2026-01-04"), 2).series).toEqual([
      { name: "classic", values: [1, 2] },
      { name: "core", values: [1, 1] },
    ]);
    expect(installedBase([], "version", at("2026-01-04"), 3).series).toEqual([]);
  });
  it("draws lines scaled to the largest value", () => {
    const lines = chartLines(installedBase(facts, "architecture", at("2026-01-04"), 4), 300, 100);
    expect(lines).toEqual([
      { name: "amd64", last: 2, points: "0,50 100,50 200,50 300,0" },
      { name: "arm64", last: 1, points: "0,100 100,100 200,50 300,50" },
    ]);
  });
});
