import { Card, PageHeader } from "@/components/ui";
import { AccountSecurity } from "@/components/auth/AccountSecurity";
import { requirePageUser } from "@/lib/auth/session";

export const metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requirePageUser(undefined, "/account");
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title="Your account" description={`Signed in as ${user.email}.`} />
      <Card>
        <AccountSecurity />
      </Card>
    </div>
  );
}
