import Link from "next/link";
import { Button, Card, DataTable, PageHeader, Pager, inputClass } from "@/components/ui";
import { AccountStatus } from "@/components/admin/AccountStatus";
import { requirePageUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { searchAccounts } from "@/lib/server/users";
import { formatDate } from "@/lib/vocabulary";

export const metadata = { title: "Accounts · Admin" };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function pageHref(q: string, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const qs = params.toString();
  return `/admin/accounts${qs ? `?${qs}` : ""}`;
}

/** Every account, searched and paginated on the server; disable (with a reason) or enable each. */
export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const admin = await requirePageUser(["admin"], "/admin/accounts");
  const raw = await searchParams;
  const r = await searchAccounts(getDb(), admin, { q: first(raw.q) ?? "", page: Number(first(raw.page)) || 1 });
  return (
    <div className="space-y-6">
      <PageHeader
        title="Accounts"
        description="Disabling an account ends its sessions and revokes its API tokens; the reason is kept and audited."
        actions={
          <Link href="/admin" className="text-sm text-blue-800 underline">
            ← Administration
          </Link>
        }
      />
      <Card>
        <form method="get" action="/admin/accounts" aria-label="Search accounts" className="mb-4 flex flex-wrap items-end gap-3">
          <div className="grow">
            <label htmlFor="accounts-q" className="mb-1 block text-xs font-medium text-gray-800">
              Email or username contains
            </label>
            <input id="accounts-q" name="q" type="search" defaultValue={r.q} className={`${inputClass} text-sm`} />
          </div>
          <Button type="submit">Search</Button>
        </form>
        <p className="mb-2 text-sm text-gray-600" data-testid="accounts-summary">
          {r.total === 0 ? "No accounts match." : `${r.total} ${r.total === 1 ? "account" : "accounts"}; page ${r.page} of ${r.pages}.`}
        </p>
        {r.users.length ? (
          <DataTable label="Accounts" columns={["Email", "Role", "Publisher", "Created", "Status"]} pad="p-2" minWidth="48rem">
            {r.users.map((u) => (
              <tr key={u.id} className="border-t border-gray-100 align-top" data-account={u.email}>
                <td className="break-all p-2">{u.email}</td>
                <td className="p-2">{u.role}</td>
                <td className="p-2">{u.account ? `${u.account.username} (${u.account.validation})` : "-"}</td>
                <td className="whitespace-nowrap p-2">{formatDate(u.createdAt)}</td>
                <td className="p-2">
                  <AccountStatus
                    email={u.email}
                    self={u.id === admin.id}
                    disabled={u.disabledAt ? { since: formatDate(u.disabledAt), reason: u.disabledReason ?? "" } : null}
                  />
                </td>
              </tr>
            ))}
          </DataTable>
        ) : null}
        <Pager label="Account pages" page={r.page} pages={r.pages} href={(n) => pageHref(r.q, n)}>
          <span>
            Page {r.page} of {r.pages}
          </span>
        </Pager>
      </Card>
    </div>
  );
}
