import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, securityHeaderRules } from "./security-headers";

describe("security headers", () => {
  it("forbid framing, sniffing and foreign scripts", () => {
    const [rule] = securityHeaderRules();
    const h = Object.fromEntries(rule.headers.map((x) => [x.key, x.value]));
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).toContain("object-src 'none'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Strict-Transport-Security"]).toBeUndefined();
  });

  it("send HSTS when the store is served over https, or a proxy says the request was", () => {
    expect(securityHeaderRules({ publicUrl: "https://store.example.com" })[0].headers.map((x) => x.key)).toContain("Strict-Transport-Security");
    const proxied = securityHeaderRules({ publicUrl: "http://localhost:3000" })[1];
    expect(proxied.has).toEqual([{ type: "header", key: "x-forwarded-proto", value: "https" }]);
    expect(contentSecurityPolicy(true)).toContain("unsafe-eval");
  });
});
