import { Card, DataTable, PageHeader } from "@/components/ui";
import { CodeText } from "@/components/ui/CodeText";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { ReservedNames } from "@/components/admin/ReservedNames";
import { recentAuditEntries } from "@/lib/server/audit";
import { listReservedNames } from "@/lib/server/reserved-names";
import { listUsers } from "@/lib/server/users";
import { formatDate } from "@/lib/vocabulary";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  const admin = await requirePageUser(["admin"], "/admin");
  const db = getDb();
  const [users, log, reserved] = await Promise.all([listUsers(db, admin), recentAuditEntries(db, admin), listReservedNames(db, admin)]);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Administration"
        description={<CodeText text="Accounts and the audit trail. Create accounts with `npm run snapstore -- user create`." />}
      />
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Accounts</h2>
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
        <h2 className="mb-2 text-lg font-semibold">Audit log</h2>
        <ul className="space-y-1 text-sm">
          {log.map((e) => (
            <li key={e.id} className="font-mono text-xs">
              {e.createdAt.toISOString()} {e.actor?.email ?? "system"} {e.action} {e.targetType}:{e.targetId}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
