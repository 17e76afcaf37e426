import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { CreateDeviceForm } from "@/components/devices/CreateDeviceForm";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listDevices } from "@/lib/server/devices";

export const metadata = { title: "My devices" };

export default async function DevicesPage() {
  const user = await requirePageUser(undefined, "/devices");
  const devices = await listDevices(getDb(), user);
  return (
    <div className="space-y-6">
      <PageHeader title="My devices" description="Simulated devices where you install snaps and manage their connections." />
      <Card>
        <CreateDeviceForm />
      </Card>
      {devices.length === 0 ? (
        <EmptyState>You have no devices yet.</EmptyState>
      ) : (
        <ul className="space-y-2">
          {devices.map((d) => (
            <li key={d.id} className="rounded-md border bg-white p-3">
              <Link href={`/devices/${d.id}`} className="font-medium text-brand-700 hover:underline">
                {d.name}
              </Link>{" "}
              · {d.architecture} · {d.classic ? "classic" : "Ubuntu Core"} · {d._count.snaps} snap(s)
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
