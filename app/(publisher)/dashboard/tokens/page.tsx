import Link from "next/link";
import { Card, PageHeader } from "@/components/ui";
import { TokensPanel } from "@/components/dashboard/TokensPanel";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listTokens } from "@/lib/server/tokens";

export const metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const user = await requirePageUser(["publisher"], "/dashboard/tokens");
  const tokens = await listTokens(getDb(), user);
  return (
    <div>
      <p className="mb-1 text-sm">
        <Link href="/dashboard" className="text-blue-800 hover:underline">
          My snaps
        </Link>
      </p>
      <PageHeader
        title="API tokens"
        description="Tokens let the snapstore CLI and scripts act as you (Authorization: Bearer …). Revoke any you no longer use."
      />
      <Card>
        <TokensPanel
          tokens={tokens.map((t) => ({
            id: t.id,
            label: t.label,
            prefix: t.prefix,
            createdAt: t.createdAt.toISOString(),
            lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
            revokedAt: t.revokedAt?.toISOString() ?? null,
          }))}
        />
      </Card>
    </div>
  );
}
