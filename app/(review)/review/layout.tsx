import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/session";

export default async function ReviewLayout({ children }: { children: ReactNode }) {
  await requirePageUser(["reviewer"], "/review");
  return <div data-area="review">{children}</div>;
}
