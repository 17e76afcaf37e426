// Roles and what each may reach. Pure: used by the server checks and to draw navigation.
import { ROLES, type Role } from "@/lib/vocabulary";

export { ROLES, type Role };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Admins may do everything; otherwise the role must be one of `allowed`. */
export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return role === "admin" || allowed.includes(role);
}

export interface NavItem {
  href: string;
  label: string;
}

export function navFor(role: Role | null): NavItem[] {
  const items: NavItem[] = [{ href: "/search", label: "Browse" }];
  if (!role) return items;
  items.push({ href: "/devices", label: "My devices" });
  if (roleAllows(role, ["publisher"])) items.push({ href: "/dashboard", label: "Publisher dashboard" });
  if (roleAllows(role, ["reviewer"])) items.push({ href: "/review", label: "Review queue" });
  if (role === "admin") items.push({ href: "/admin", label: "Admin" });
  return items;
}
