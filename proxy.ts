// Runs before pages and server actions (never before /api or /media, whose bodies it would
// buffer: see the matcher). It turns two server-action failures that Next answers with a bare 500
// into clear refusals: a foreign Origin (403, cross-site request forgery) and a body over the
// action limit (413, e.g. a 5 MB screenshot), before Next reads the body.
import { NextResponse, type NextRequest } from "next/server";
import { SERVER_ACTION_BODY_LIMIT } from "@/lib/api/limits";
import { foreignOrigin } from "@/lib/api/origin";
import { REQUEST_PATH_HEADER } from "@/lib/auth/callback";
import { ICON_MAX_BYTES, SCREENSHOT_MAX_BYTES } from "@/lib/schemas/listing";
import { formatLimit } from "@/lib/vocabulary";

const refuse = (status: number, code: string, message: string) =>
  NextResponse.json({ "error-list": [{ code, message }] }, { status, headers: { "Cache-Control": "no-store" } });

// The path asked for, for the page guards' sign-in redirect: a layout cannot know its page's path,
// so /dashboard/tokens would otherwise come back as /dashboard. Always overwritten here.
function withRequestPath(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set(REQUEST_PATH_HEADER, `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export function proxy(req: NextRequest) {
  if (req.method !== "POST" || !req.headers.has("next-action")) return withRequestPath(req);
  const origin = foreignOrigin(req);
  if (origin !== null) {
    return refuse(403, "foreign-origin", `Refused: the request comes from another site (${origin}); signed-in changes must come from this store's own pages.`);
  }
  const length = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(length) && length > SERVER_ACTION_BODY_LIMIT) {
    return refuse(
      413,
      "body-too-large",
      `The form is larger than ${formatLimit(SERVER_ACTION_BODY_LIMIT)}, the limit for a form ` +
        `(screenshots can be at most ${formatLimit(SCREENSHOT_MAX_BYTES)}, icons ${formatLimit(ICON_MAX_BYTES)}).`,
    );
  }
  return withRequestPath(req);
}

export const config = {
  // Pages only: route handlers stream their bodies (uploads) and check themselves (lib/api).
  matcher: ["/((?!api/|v2/|media/|_next/static|_next/image|favicon.ico).*)"],
};
