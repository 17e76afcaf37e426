import { describe, expect, it } from "vitest";
import { validateLicenseExpression } from "./spdx";

// snapd 2.57.6's spdx package: known SPDX 3.11 ids only (no LicenseRef-), AND/OR/WITH, parentheses.
describe("validateLicenseExpression (snapd spdx)", () => {
  it.each([
    "MIT",
    "GPL-3.0",
    "GPL-3.0+",
    "GPL-3.0-or-later",
    "Apache-2.0 OR MIT",
    "MIT AND (LGPL-2.1+ OR BSD-3-Clause)",
    "GPL-2.0-only WITH Classpath-exception-2.0",
    "Proprietary",
    "(MIT)",
    "((MIT OR Apache-2.0) AND BSD-2-Clause)",
    "MIT\nOR Apache-2.0",
    // snapd's parser returns from a group at ")" without checking the token before it.
    "(MIT AND)",
  ])("valid: %j", (l) => {
    expect(validateLicenseExpression(l)).toBeNull();
  });

  it.each([
    ["MIT Apache-2.0", 'missing AND or OR between "MIT" and "Apache-2.0"'],
    ["Other Open Source", "unknown license: Other"],
    ["LicenseRef-Proprietary", "unknown license: LicenseRef-Proprietary"],
    ["DocumentRef-x:LicenseRef-y", "unknown license"],
    ["MIT AND", "missing license after AND"],
    ["(MIT", 'expected ")"'],
    ["MIT)", 'unexpected ")"'],
    ["MIT and Apache-2.0", "unexpected string"],
    ["GPL@3", "unknown license: GPL@3"],
    ["AND MIT", "missing license before AND"],
    ["MIT WITH", "missing license after WITH"],
    ["MIT WITH Foo-exception", "unknown license exception"],
    ["MIT WITH (Classpath-exception-2.0)", "not allowed after WITH"],
    ["(MIT) WITH Classpath-exception-2.0", "expected license name before WITH"],
    ["(MIT) Apache-2.0", "unexpected string"],
    ["MIT OR AND Apache-2.0", "expected license name"],
    ["()", "empty expression"],
    ["  ", "empty expression"],
    ["MIT\tOR Apache-2.0", "unknown license: MIT\tOR"],
  ])("invalid: %j (%s)", (l, why) => {
    expect(validateLicenseExpression(l)).toContain(why);
  });

  it("costs no stack on 100,000 parentheses", () => {
    expect(validateLicenseExpression("(".repeat(100_000) + "MIT" + ")".repeat(100_000))).toBeNull();
  });
});
