import { describe, expect, it } from "vitest";
import { navFor, roleAllows } from "./roles";

describe("roles", () => {
  it("admins pass every check; others only their own", () => {
    expect(roleAllows("admin", ["publisher"])).toBe(true);
    expect(roleAllows("publisher", ["publisher"])).toBe(true);
    expect(roleAllows("user", ["publisher"])).toBe(false);
    expect(roleAllows("reviewer", ["publisher"])).toBe(false);
    expect(roleAllows("publisher", ["reviewer"])).toBe(false);
  });

  it("navigation follows the role", () => {
    const labels = (r: Parameters<typeof navFor>[0]) => navFor(r).map((i) => i.label);
    expect(labels(null)).toEqual(["Browse"]);
    expect(labels("user")).toEqual(["Browse", "My devices"]);
    expect(labels("publisher")).toEqual(["Browse", "My devices", "Publisher dashboard"]);
    expect(labels("reviewer")).toEqual(["Browse", "My devices", "Review queue"]);
    expect(labels("admin")).toEqual(["Browse", "My devices", "Publisher dashboard", "Review queue", "Admin"]);
  });
});
