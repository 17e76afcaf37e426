import { notFound } from "next/navigation";
import { Card, DataTable, EmptyState, PageHeader } from "@/components/ui";
import { AutoRefreshButton, ConnectionButton, InstallForm, SnapActions } from "@/components/devices/DeviceForms";
import { Terminal } from "@/components/devices/Terminal";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { connectionRows, listRows } from "@/lib/devices/views";
import { AppError } from "@/lib/errors";
import { deviceState } from "@/lib/server/devices";

export const metadata = { title: "Device" };

export default async function DevicePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(undefined, `/devices/${id}`);
  const loaded = await deviceState(getDb(), user, id).catch((err: unknown) => {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  });
  const { device, state } = loaded;
  const snaps = listRows(state);
  const conns = connectionRows(state, undefined, true);
  return (
    <div className="space-y-6">
      <PageHeader title={device.name} description={`${device.architecture} · ${device.classic ? "classic system" : "Ubuntu Core"}`} />
      <Card>
        <h2 className="mb-3 font-semibold">Install a snap</h2>
        <InstallForm deviceId={device.id} />
      </Card>
      <section aria-label="snap list">
        <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-semibold">Installed snaps</h2>
          <AutoRefreshButton deviceId={device.id} />
        </div>
        {snaps.length === 0 ? (
          <EmptyState>No snaps are installed yet.</EmptyState>
        ) : (
          <DataTable label="Installed snaps" columns={["Name", "Version", "Rev", "Tracking", "Publisher", "Notes", { label: "Actions", hidden: true }]}>
            {snaps.map((s) => (
              <tr key={s.name} className="border-t">
                <td className="p-3 font-medium">{s.name}</td>
                <td className="p-3">{s.version}</td>
                <td className="p-3">{s.rev}</td>
                <td className="p-3">{s.tracking}</td>
                <td className="p-3">{s.publisher}</td>
                <td className="p-3">{s.notes}</td>
                <td className="p-3">
                  <SnapActions deviceId={device.id} name={s.name} />
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section aria-label="snap connections">
        <h2 className="mb-2 font-semibold">Connections</h2>
        {conns.length === 0 ? (
          <EmptyState>No plugs or slots.</EmptyState>
        ) : (
          <DataTable label="Connections" columns={["Interface", "Plug", "Slot", "Notes", { label: "Actions", hidden: true }]}>
            {conns.map((c) => (
              <tr key={`${c.plug} ${c.slot}`} className="border-t">
                <td className="p-3">{c.interface}</td>
                <td className="p-3 font-mono">{c.plug}</td>
                <td className="p-3 font-mono">{c.slot}</td>
                <td className="p-3">{c.notes}</td>
                <td className="p-3">{c.plug !== "-" && <ConnectionButton deviceId={device.id} plug={c.plug} connected={c.slot !== "-"} />}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <section>
        <h2 className="mb-2 font-semibold">Terminal</h2>
        <Terminal deviceId={device.id} deviceName={device.name} />
      </section>
    </div>
  );
}
