import { describe, expect, it } from "vitest";
import { CliError, flag, parseArgs } from "./args";

describe("parseArgs", () => {
  it("separates positionals, --flag value, --flag=value and booleans", () => {
    const args = parseArgs(["upload", "a.snap", "--release", "edge,beta", "--timeout=30", "--progress", "--name", "x"], ["progress"]);
    expect(args.positionals).toEqual(["upload", "a.snap"]);
    expect(args.flags).toEqual({ release: "edge,beta", timeout: "30", progress: true, name: "x" });
    expect(flag(args, "release")).toBe("edge,beta");
    expect(flag(args, "progress")).toBeUndefined();
  });
  it("does not let a declared boolean swallow the next positional", () => {
    expect(parseArgs(["--json", "my-snap"], ["json"])).toEqual({ positionals: ["my-snap"], flags: { json: true } });
    // Undeclared, it would: that is why commands declare their booleans.
    expect(parseArgs(["--json", "my-snap"]).flags).toEqual({ json: "my-snap" });
  });
  it("treats a trailing flag or one followed by another flag as boolean", () => {
    expect(parseArgs(["--release", "--name", "n"]).flags).toEqual({ release: true, name: "n" });
    expect(parseArgs(["--release"]).flags).toEqual({ release: true });
  });
  it("passes everything after -- as positionals", () => {
    expect(parseArgs(["a", "--", "--not-a-flag"]).positionals).toEqual(["a", "--not-a-flag"]);
  });
});

describe("CliError", () => {
  it("carries an exit code (1 by default)", () => {
    expect(new CliError("x").exitCode).toBe(1);
    expect(new CliError("x", 3).exitCode).toBe(3);
  });
});
