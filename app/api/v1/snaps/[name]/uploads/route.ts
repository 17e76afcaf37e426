import { after, NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { startUpload } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

/** Raw .snap body, streamed to the blob store; processed after the 202 answer. */
export const POST = apiRoute({ roles: ["publisher"] }, async ({ db, req, user, params }) => {
  const { accepted, process } = await startUpload(db, user, params.name, req.body, {
    contentLength: req.headers.get("content-length"),
    signal: req.signal,
  });
  after(process);
  return NextResponse.json({ "upload-id": accepted.uploadId, "status-url": accepted.statusUrl, revision: accepted.revision }, { status: 202 });
});
