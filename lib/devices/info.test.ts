// snap info's helpers (cmd/snap/cmd_info.go, strutil): the whole output is compared with the real
// command in test/snapd/cli-views.test.ts; these tables pin the rules that differed before.
import { describe, expect, it } from "vitest";
import { describe as describeText, goQuote, longPublisher, sizeToStr, wordWrap } from "./info";

describe("sizeToStr (strutil.SizeToStr truncates)", () => {
  it.each([
    [0, "0B"],
    [999, "999B"],
    [1000, "1kB"],
    [1999, "1kB"],
    [999_999, "999kB"],
    [12_345_678, "12MB"],
    [512_000_000, "512MB"],
  ])("%i is %s", (n, s) => expect(sizeToStr(n)).toBe(s));
});

describe("longPublisher", () => {
  it.each([
    [{ username: "acme", displayName: "Acme Corp", validation: "unproven" }, "Acme Corp (acme)"],
    [{ username: "jet-brains", displayName: "Jet Brains", validation: "verified" }, "Jet Brains✓"],
    [{ username: "canonical", displayName: "Canonical", validation: "starred" }, "Canonical✪"],
    [{ username: "potato", displayName: "Potato Inc.", validation: "verified" }, "Potato Inc. (potato✓)"],
  ] as const)("%j", (p, s) => expect(longPublisher({ id: "x", ...p })).toBe(s));
});

describe("wrapping", () => {
  it("wordWrap breaks at the last space within the width, chops words longer than it", () => {
    expect(wordWrap(Array.from("aaa bbb ccc"), "s:\t", "  ", 9)).toBe("s:\taaa\n  bbb ccc\n");
    expect(wordWrap(Array.from("x".repeat(10)), "", "", 4)).toBe("xxxx\nxxxx\nxx\n");
  });
  it("descriptions keep blank lines as two spaces and each line's indent", () => {
    expect(describeText("a\n\n  b\nc   \n\n")).toBe("  a\n  \n    b\n  c\n");
    expect(describeText("")).toBe("  \n");
  });
  it("goQuote is strconv.Quote", () => {
    expect(goQuote('a "b"\\\u0007é')).toBe('"a \\"b\\"\\\\\\x07é"');
  });
});
