import { after, NextResponse } from "next/server";
import { apiRoute } from "@/lib/api/handler";
import { getDb } from "@/lib/db/client";
import { startUpload } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

/** Raw .snap body, streamed to the blob store; processed after the 202 answer. */
export const POST = apiRoute({ roles: ["publisher"] }, async ({ req, user, params }) => {
  const { accepted, process } = await startUpload(getDb(), user, params.name, req.body, {
    contentLength: req.headers.get("content-length"),
    signal: req.signal,
  });
  after(process);
  return NextResponse.json({ "upload-id": accepted.uploadId, "status-url": accepted.statusUrl, revision: accepted.revision }, { status: 202 });
});
