import { apiRoute } from "@/lib/api/handler";
import { presentChannelMap } from "@/lib/api/present";
import { releaseSchema } from "@/lib/schemas/releases";
import { releaseRevision } from "@/lib/server/releases";

export const dynamic = "force-dynamic";

/** {revision, channels} or {from: "beta", channels} (promotion). */
export const POST = apiRoute({ roles: ["publisher"], body: releaseSchema }, async ({ db, user, params, body }) => {
  const r = await releaseRevision(db, user, params.name, body);
  return { released: r.released, ...presentChannelMap(r.channelMap) };
});
