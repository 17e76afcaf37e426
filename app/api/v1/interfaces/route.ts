// GET /api/v1/interfaces: every interface the store knows, with what the base declaration says
// (the same data the automated review and the device policy use). Public; changes only with a
// release of the store, so caches may keep it for an hour.
import { interfaceSummaries } from "@/lib/policy/interfaces";

export function GET(): Response {
  return Response.json(interfaceSummaries(), { headers: { "Cache-Control": "public, max-age=3600" } });
}
