import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageUser(["admin"], "/admin");
  return <div data-area="admin">{children}</div>;
}
