import { apiRoute } from "@/lib/api/handler";
import { metricsQuerySchema } from "@/lib/schemas/devices";
import { refusal } from "@/lib/server/explain";
import { snapInstallMetrics } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** Active simulated devices per day, split by channel|version|architecture|system (installed_base_by_*). */
export const GET = apiRoute({ roles: ["publisher"] }, async ({ db, user, params, req }) => {
  const q = metricsQuerySchema.safeParse(Object.fromEntries(req.nextUrl.searchParams));
  if (!q.success) throw refusal("invalid-field", { field: "query", problems: q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
  return snapInstallMetrics(db, user, params.name, q.data.dimension, q.data.days);
});
