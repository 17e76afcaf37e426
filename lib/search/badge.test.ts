import { describe, expect, it } from "vitest";
import { badgeSvg } from "./badge";

describe("badgeSvg", () => {
  it("shows title and version, escaped", () => {
    const svg = badgeSvg('A <b>&"', "1.0");
    expect(svg).toContain("<text x=");
    expect(svg).toContain("A &lt;b&gt;&amp;&quot;");
    expect(svg).toContain(">1.0</text>");
    expect(svg).not.toContain("<b>");
  });
  it("says when nothing is on stable", () => expect(badgeSvg("x", null)).toContain("not on stable"));
});
