import Link from "next/link";
import { Button, Card, DataTable, PageHeader, Pager, inputClass } from "@/components/ui";
import { CodeText } from "@/components/ui/CodeText";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ReservedNames } from "@/components/admin/ReservedNames";
import { searchAuditLog } from "@/lib/server/audit";
import { auditQuerySchema, type AuditQuery } from "@/lib/schemas/audit";
import { listReservedNames } from "@/lib/server/reserved-names";
import { listUsers } from "@/lib/server/users";
import { formatDate } from "@/lib/vocabulary";

export const metadata = { title: "Admin" };

const FILTERS = [
  ["actor", "Actor (email)", "text"],
  ["action", "Action (or prefix, e.g. snap.)", "text"],
  ["snap", "Snap name", "text"],
  ["from", "From (UTC day)", "date"],
  ["to", "To (UTC day)", "date"],
] as const;

/** The audit page URL with the same filters and another page. */
function auditHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  for (const [key] of FILTERS) if (query[key]) params.set(key, query[key]!);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return `/admin${qs ? `?${qs}` : ""}#audit-log`;
}

export default async function AdminPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePageUser(["admin"], "/admin");
  const db = getDb();
  const raw = await searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const [users, log, reserved] = await Promise.all([listUsers(db, admin), searchAuditLog(db, admin, query), listReservedNames(db, admin)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Administration"
        description={<CodeText text="Accounts and the audit trail. Create accounts with `npm run snapstore -- user create`." />}
      />
      <Card>
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="text-lg font-semibold">Accounts</h2>
          <Link href="/admin/accounts" className="text-sm text-blue-800 underline">
            Search, disable or enable accounts →
          </Link>
        </div>
        <DataTable label="Accounts" columns={["Email", "Role", "Publisher", "Created"]} pad="p-2">
          {users.map((u) => (
            <tr key={u.id} className="border-t border-gray-100">
              <td className="p-2">{u.email}</td>
              <td className="p-2">{u.role}</td>
              <td className="p-2">{u.account ? `${u.account.username} (${u.account.validation})` : "-"}</td>
              <td className="p-2">{formatDate(u.createdAt)}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Reserved names</h2>
        <p className="mb-3 text-sm text-gray-600">Registering a reserved name creates the snap pending review; uploads wait until a reviewer approves it.</p>
        <ReservedNames names={reserved.map((r) => ({ name: r.name, reason: r.reason, createdAt: r.createdAt.toISOString() }))} />
      </Card>
      <Card>
        <h2 id="audit-log" className="mb-2 text-lg font-semibold">
          Audit log
        </h2>
        <form method="get" action="/admin#audit-log" aria-label="Filter the audit log" className="mb-4 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {FILTERS.map(([key, label, type]) => (
            <div key={key}>
              <label htmlFor={`audit-${key}`} className="mb-1 block text-xs font-medium text-gray-800">
                {label}
              </label>
              <input id={`audit-${key}`} name={key} type={type} defaultValue={query[key] ?? ""} className={`${inputClass} text-sm`} />
            </div>
          ))}
          <div className="flex items-end gap-2">
            <Button type="submit">Filter</Button>
            <Link href="/admin#audit-log" className="px-2 py-2 text-sm text-blue-800 underline">
              Clear
            </Link>
          </div>
        </form>
        <p className="mb-2 text-sm text-gray-600" data-testid="audit-summary">
          {log.total === 0 ? "No entries match." : `${log.total} ${log.total === 1 ? "entry" : "entries"}; page ${log.page} of ${log.pages}.`}
        </p>
        {log.entries.length ? (
          <DataTable label="Audit log entries" columns={["When", "Actor", "Action", "Target"]} pad="p-2" minWidth="36rem">
            {log.entries.map((e) => (
              <tr key={e.id} className="border-t border-gray-100" data-audit-action={e.action}>
                <td className="whitespace-nowrap p-2">{formatDate(e.createdAt)}</td>
                <td className="p-2">{e.actor ?? "system"}</td>
                <td className="p-2 font-mono text-xs">{e.action}</td>
                <td className="break-all p-2 font-mono text-xs">
                  {e.targetType}:{e.targetId}
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <Pager label="Audit log pages" page={log.page} pages={log.pages} href={(n) => auditHref(query, n)} previous="← Newer" next="Older →">
          <span>
            Page {log.page} of {log.pages}
          </span>
        </Pager>
      </Card>
    </div>
  );
}
