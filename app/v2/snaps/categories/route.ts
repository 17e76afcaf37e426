// GET /v2/snaps/categories (newer snapd's `snap find --section` list).
import { storeCategories } from "@/lib/server/store-api";

export function GET(): Response {
  return storeCategories();
}
