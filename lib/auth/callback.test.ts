import { describe, expect, it } from "vitest";
import { callbackOrHome, safeCallbackPath } from "./callback";

describe("safeCallbackPath", () => {
  it.each([
    ["/dashboard/tokens", "/dashboard/tokens"],
    ["/dashboard/snaps/hello/upload?x=1#top", "/dashboard/snaps/hello/upload?x=1#top"],
    ["/", "/"],
    ["/search?q=a%20b", "/search?q=a%20b"],
  ])("keeps the same-origin path %s", (input, out) => {
    expect(safeCallbackPath(input)).toBe(out);
  });

  it.each([
    "//evil.example/phish",
    "/\\127.0.0.1:4199/phish",
    "/%5C127.0.0.1:4199/phish",
    "/%5c127.0.0.1:4199/phish",
    "/\t/127.0.0.1:4199/phish",
    "/%09/127.0.0.1:4199/phish",
    "/%2F/evil.example",
    "/%0d%0aLocation:%20http://evil",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "evil.example",
    " /dashboard",
    "",
    "/%E0%A4%A",
  ])("refuses %j", (input) => {
    expect(safeCallbackPath(input)).toBeNull();
    expect(callbackOrHome(input)).toBe("/");
  });
});
