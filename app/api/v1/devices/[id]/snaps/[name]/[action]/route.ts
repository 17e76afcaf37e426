import { apiRoute } from "@/lib/api/handler";
import { refreshSnapSchema, switchSnapSchema } from "@/lib/schemas/devices";
import { refusal } from "@/lib/server/explain";
import { refreshSnap, revertSnap, switchSnap } from "@/lib/server/devices";

export const dynamic = "force-dynamic";

/** `snap refresh|revert|switch NAME`: refresh and switch read an optional JSON body. */
export const POST = apiRoute({}, async ({ db, user, params, req }) => {
  const text = await req.text();
  let json: unknown;
  try {
    json = text.trim() ? JSON.parse(text) : {};
  } catch {
    throw refusal("invalid-json", {});
  }
  switch (params.action) {
    case "refresh": {
      const p = refreshSnapSchema.safeParse(json);
      if (!p.success) throw refusal("invalid-field", { field: "body", problems: p.error.issues.map((i) => i.message) });
      return refreshSnap(db, user, params.id, params.name, p.data);
    }
    case "revert":
      return revertSnap(db, user, params.id, params.name);
    case "switch": {
      const p = switchSnapSchema.safeParse(json);
      if (!p.success) throw refusal("invalid-field", { field: "channel", problems: p.error.issues.map((i) => i.message) });
      return switchSnap(db, user, params.id, params.name, p.data.channel);
    }
    default:
      throw refusal("invalid-field", { field: "action", problems: [`unknown action "${params.action}": use refresh, revert or switch`] });
  }
});
