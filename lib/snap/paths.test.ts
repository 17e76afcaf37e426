import { describe, expect, it } from "vitest";
import { cleanPath, expandSnapVariables, goExpand, hasAppArmorChars, pathVariablesProblem } from "./paths";

describe("Go path semantics", () => {
  it.each([
    ["", "."],
    ["/", "/"],
    ["a/b/../c", "a/c"],
    ["/../x", "/x"],
    ["../../x", "../../x"],
    ["/a//b/./c/", "/a/b/c"],
    ["$SNAP/../foo", "foo"],
    ["./", "."],
  ])("Clean(%j) = %j", (p, out) => expect(cleanPath(p)).toBe(out));

  it.each([
    ["$A/x", "[A]/x"],
    ["${A}x", "[A]x"],
    ["$", "$"],
    ["a$", "a$"],
    ["${}x", "x"],
    ["${x", "x"],
    ["$1x", "[1]x"],
    ["$$", "[$]"],
    ["$-x", "[-]x"],
  ])("Expand(%j) = %j", (s, out) => expect(goExpand(s, (v) => `[${v}]`)).toBe(out));

  it("expands the $SNAP variables of a snap that is not installed", () => {
    expect(expandSnapVariables("foo", "$SNAP/a")).toBe("/snap/foo/unset/a");
    expect(expandSnapVariables("foo", "$SNAP_DATA/a")).toBe("/var/snap/foo/unset/a");
    expect(expandSnapVariables("foo", "${SNAP_COMMON}/a")).toBe("/var/snap/foo/common/a");
    expect(expandSnapVariables("foo", "$HOME/a")).toBe("/a");
  });

  it("path variables and AppArmor characters", () => {
    expect(pathVariablesProblem("$SNAP/x/$SNAP_DATA")).toBeNull();
    expect(pathVariablesProblem("$HOME/x")).toContain('"$HOME"');
    expect(pathVariablesProblem("${SNAP}/x")).toContain('"$"');
    expect(hasAppArmorChars("/usr/foo*")).toBe(true);
    expect(hasAppArmorChars("/usr/foo")).toBe(false);
  });
});
