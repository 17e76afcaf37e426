import { describe, expect, it } from "vitest";
import { isSupportedHook, isValidAlias, isValidAppName, isValidPlugName, isValidSnapName, isValidSocketName } from "./naming";

describe("names (snapd snap/naming)", () => {
  it.each([
    ["ab", true],
    ["a1", true],
    ["1a", true],
    ["hello-world", true],
    ["a-b-c-1", true],
    ["x".repeat(40), true],
    ["0ad", true],
    ["a", false],
    ["x".repeat(41), false],
    ["Bad_Name", false],
    ["Hello", false],
    ["-ab", false],
    ["ab-", false],
    ["a--b", false],
    ["123", false],
    ["a_b", false],
    ["a.b", false],
    ["", false],
    ["ab ", false],
  ])("snap name %j valid=%s", (name, ok) => {
    expect(isValidSnapName(name)).toBe(ok);
  });

  it.each([
    ["foo", true],
    ["Foo2", true],
    ["a-b", true],
    ["1", true],
    ["-a", false],
    ["a-", false],
    ["a--b", false],
    ["a_b", false],
    ["a.b", false],
    ["", false],
  ])("app name %j valid=%s", (n, ok) => expect(isValidAppName(n)).toBe(ok));

  it.each([
    ["network", true],
    ["a1", true],
    ["x-y-z", true],
    ["1a", false],
    ["Cam", false],
    ["a--b", false],
    ["a-", false],
    ["", false],
  ])("plug/slot/interface/hook name %j valid=%s", (n, ok) => expect(isValidPlugName(n)).toBe(ok));

  it.each([
    ["foo", true],
    ["foo.bar_baz-1", true],
    ["1x", true],
    [".foo", false],
    ["_x", false],
    ["a b", false],
    ["", false],
  ])("alias %j valid=%s", (n, ok) => expect(isValidAlias(n)).toBe(ok));

  it.each([
    ["sock", true],
    ["a", true],
    ["s-1", true],
    ["1", false],
    ["-s", false],
    ["S", false],
  ])("socket name %j valid=%s", (n, ok) => expect(isValidSocketName(n)).toBe(ok));

  it.each([
    ["install", true],
    ["configure", true],
    ["remove", true],
    ["prepare-device", true],
    ["connect-plug-foo", true],
    ["disconnect-slot-x-1", true],
    ["gate-auto-refresh", true],
    ["fde-setup", true],
    ["check-health", true],
    ["Configure", false],
    ["my-hook", false],
    ["connect-plug-", false],
    ["post-install", false],
  ])("hook %j supported=%s", (n, ok) => expect(isSupportedHook(n)).toBe(ok));
});
