import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/session";

export default async function PublisherLayout({ children }: { children: ReactNode }) {
  await requirePageUser(["publisher"], "/dashboard");
  return <div data-area="publisher">{children}</div>;
}
