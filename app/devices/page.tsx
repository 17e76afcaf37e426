import { EmptyState, PageHeader } from "@/components/ui";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDevices } from "@/lib/server/devices";

export const metadata = { title: "My devices" };

export default async function DevicesPage() {
  const user = await requirePageUser(undefined, "/devices");
  const devices = await listDevices(getDb(), user);
  return (
    <div>
      <PageHeader title="My devices" description="Simulated devices where you install snaps and manage their connections." />
      {devices.length === 0 ? (
        <EmptyState>You have no devices yet.</EmptyState>
      ) : (
        <ul className="space-y-2">
          {devices.map((d) => (
            <li key={d.id} className="rounded-md border bg-white p-3">
              {d.name} · {d.architecture} · {d.classic ? "classic" : "Ubuntu Core"} · {d._count.snaps} snap(s)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
