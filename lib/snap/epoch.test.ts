import { describe, expect, it } from "vitest";
import { epochFromString, epochString, parseEpoch, parseEpochNumber, validateEpoch } from "./epoch";
import { parseSnapYaml } from "./snap-yaml";

const epochOf = (e: string) => {
  const r = parseSnapYaml(`name: ab\nversion: 1\nepoch: ${e}\n`);
  return r.errors.length ? { error: r.errors.map((x) => x.field).join() } : { epoch: r.meta!.epoch };
};

describe("epochs as snapd reads them (snap/epoch.go)", () => {
  it.each([
    ["1", "1"],
    ["0", "0"],
    ["'1*'", "1*"],
    ["5*", "5*"],
    ["''", "0"],
    ["~", "0"],
    ["{read: [1, 2], write: [2]}", "2*"],
    ["{read: [1], write: [1]}", "1"],
    ["{read: [0, 1, 2], write: [1, 2]}", '{"read":[0,1,2],"write":[1,2]}'],
    ["{write: [3]}", "3"],
    ["{read: [3]}", "3"],
    // write defaults to the last read epoch
    ["{read: [1, 2]}", "2*"],
    ["{read: [1, 3]}", '{"read":[1,3],"write":[3]}'],
    // numbers are read as text, so quoted ones count too; other keys are ignored (yaml.v2)
    ["{read: ['1'], write: ['1']}", "1"],
    ["{foo: [1]}", "0"],
    ["{read: ~, write: ~}", "0"],
    ["{read: [0], write: [0]}", "0"],
  ])("epoch: %s -> %s", (e, out) => {
    expect(epochOf(e)).toEqual({ epoch: out });
  });

  it.each([
    "0*",
    "-1",
    "01",
    "1**",
    "x",
    "1.0",
    "+1",
    "{read: [], write: [1]}",
    "{read: [1], write: []}",
    "{read: [2, 1], write: [2]}",
    "{read: [1], write: [2]}",
    "{read: [1, 1], write: [1]}",
    "[1]",
    "4294967296",
    "{read: 1}",
    "{read: [0,1,2,3,4,5,6,7,8,9,10], write: [1]}",
    "{read: [01]}",
    "{read: [~]}",
  ])("invalid epoch: %s", (e) => {
    expect(epochOf(e)).toEqual({ error: "epoch" });
  });

  it("numbers: base 10, no padding, below 2^32", () => {
    expect(parseEpochNumber("4294967295")).toBe(4294967295);
    expect(parseEpochNumber("4294967296")).toContain("less than 2^32");
    expect(parseEpochNumber("007")).toContain("no zero padding");
  });

  it("string form and validation", () => {
    expect(epochString({ read: [0], write: [0] })).toBe("0");
    expect(epochString({ read: [4, 5], write: [5] })).toBe("5*");
    expect(validateEpoch({ read: [1, 2], write: [3] })).toContain("intersection");
    expect(epochFromString("0*")).toEqual({ epoch: "0", error: "0* is an invalid epoch" });
  });

  it("parseEpoch keeps the old plain-value API", () => {
    expect(parseEpoch(undefined, null)).toEqual({ epoch: "0" });
    expect(parseEpoch(7, "7")).toEqual({ epoch: "7" });
    expect(parseEpoch({ read: [1, 2], write: [2] }, null)).toEqual({ epoch: "2*" });
    expect(parseEpoch([1], null).error).toBeDefined();
  });
});
