// GET /api/v1/interfaces serves the same summaries the review and device policy compute
// (test/snapd/policy-basedecl.test.ts checks those against snapd's own base declaration).
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/interfaces/route";
import { INTERFACES, interfaceSummaries } from "@/lib/policy/interfaces";

describe("GET /api/v1/interfaces", () => {
  it("lists every known interface with the documented shape", async () => {
    const res = GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await res.json()) as unknown[];
    expect(body).toEqual(interfaceSummaries());
    expect(body).toHaveLength(Object.keys(INTERFACES).length);
    for (const item of body) {
      expect(Object.keys(item as object).sort()).toEqual(["auto-connect", "name", "summary", "super-privileged"]);
      const i = item as { "auto-connect": { classic: unknown; core: unknown }; "super-privileged": unknown };
      expect([typeof i["auto-connect"].classic, typeof i["auto-connect"].core, typeof i["super-privileged"]]).toEqual(["boolean", "boolean", "boolean"]);
    }
    const camera = (body as { name: string }[]).find((i) => i.name === "camera");
    expect(camera).toMatchObject({ "auto-connect": { classic: false, core: false }, "super-privileged": false });
  });
});
