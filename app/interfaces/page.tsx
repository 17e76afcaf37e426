import { Badge, Button, DataTable, EmptyState, PageHeader, inputClass } from "@/components/ui";
import { filterInterfaceSummaries, interfaceSummaries, type InterfaceFilter } from "@/lib/policy/interfaces";

export const metadata = { title: "Supported interfaces" };

const AUTO = ["classic", "core", "none"] as const;

function filterOf(sp: Record<string, string | undefined>): InterfaceFilter {
  const autoConnect = AUTO.find((a) => a === sp.auto);
  const superPrivileged = sp.super === "yes" ? true : sp.super === "no" ? false : undefined;
  return { q: sp.q?.slice(0, 200), autoConnect, superPrivileged };
}

const yesNo = (v: boolean) => <Badge tone={v ? "green" : "gray"}>{v ? "yes" : "no"}</Badge>;

export default async function InterfacesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const all = interfaceSummaries();
  const shown = filterInterfaceSummaries(all, filterOf(sp));
  return (
    <div className="space-y-6">
      <PageHeader
        title="Supported interfaces"
        description={
          <>
            Every interface this store knows, with what its base declaration says: whether a plug auto-connects on classic (desktop) and Ubuntu Core systems,
            and whether using it needs a snap-declaration granted after review (super-privileged). The same data as{" "}
            <a className="underline" href="/api/v1/interfaces">
              /api/v1/interfaces
            </a>
            .
          </>
        }
      />
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter the interfaces">
        <label className="text-sm">
          Name or summary
          <input name="q" defaultValue={sp.q ?? ""} className={inputClass} placeholder="camera" />
        </label>
        <label className="text-sm">
          Auto-connects
          <select name="auto" defaultValue={sp.auto ?? ""} className={inputClass}>
            <option value="">Any</option>
            <option value="classic">On classic</option>
            <option value="core">On Ubuntu Core</option>
            <option value="none">On neither</option>
          </select>
        </label>
        <label className="text-sm">
          Super-privileged
          <select name="super" defaultValue={sp.super ?? ""} className={inputClass}>
            <option value="">Any</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </label>
        <Button type="submit">Filter</Button>
      </form>
      <p className="text-sm text-gray-600" data-testid="interface-count">
        {shown.length} of {all.length} interfaces
      </p>
      {shown.length === 0 ? (
        <EmptyState>No interface matches these filters.</EmptyState>
      ) : (
        <DataTable label="Supported interfaces" columns={["Interface", "Summary", "Auto-connect (classic)", "Auto-connect (Core)", "Super-privileged"]}>
          {shown.map((i) => (
            <tr key={i.name} data-interface={i.name} className="border-t border-gray-100">
              <td className="p-3 font-mono">{i.name}</td>
              <td className="p-3">{i.summary}</td>
              <td className="p-3">{yesNo(i["auto-connect"].classic)}</td>
              <td className="p-3">{yesNo(i["auto-connect"].core)}</td>
              <td className="p-3">{yesNo(i["super-privileged"])}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
