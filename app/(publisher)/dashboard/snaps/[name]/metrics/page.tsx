import { MetricChart } from "@/components/devices/MetricChart";
import { requireOwnedSnapPage } from "@/lib/auth/pages";
import { getDb } from "@/lib/db/client";
import { snapInstallMetrics } from "@/lib/server/devices";

export const metadata = { title: "Metrics" };
export const dynamic = "force-dynamic";

const TITLES = { channel: "By channel", version: "By version", architecture: "By architecture", system: "By system" } as const;

export default async function MetricsPage({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const db = getDb();
  const { user, snap } = await requireOwnedSnapPage(db, name, `/dashboard/snaps/${name}/metrics`);
  const dims = ["channel", "version", "architecture", "system"] as const;
  const metrics = await Promise.all(dims.map((d) => snapInstallMetrics(db, user, snap.name, d, 30)));
  return (
    <div>
      <h1 className="mb-1 text-2xl font-semibold">Active devices</h1>
      <p className="mb-4 text-sm text-gray-600">
        Simulated devices that have {snap.name}, per day over the last 30 days (JSON: <code>GET /api/v1/snaps/{snap.name}/metrics?dimension=channel</code>).
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        {dims.map((d, i) => (
          <MetricChart key={d} title={TITLES[d]} metric={metrics[i]} />
        ))}
      </div>
    </div>
  );
}
