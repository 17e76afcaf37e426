// GET /api/v1/snaps/sections: snapd 2.57's section list (hal+json). A static segment: a snap
// cannot be named "sections" in the /api/v1/snaps/{name} routes.
import { storeSections } from "@/lib/server/store-api";

export function GET(): Response {
  return storeSections();
}
