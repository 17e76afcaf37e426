import { NextResponse } from "next/server";
import { getDb, pingDatabase } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness + database reachability, for load balancers and the test harness. */
export async function GET() {
  try {
    await pingDatabase(getDb());
    return NextResponse.json({ status: "ok" });
  } catch {
    return NextResponse.json({ status: "database-unavailable" }, { status: 503 });
  }
}
