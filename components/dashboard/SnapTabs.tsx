"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  ["", "Overview"],
  ["/upload", "Upload"],
  ["/revisions", "Revisions"],
  ["/releases", "Releases"],
  ["/listing", "Listing"],
  ["/requests", "Requests"],
  // Active simulated devices (installed_base_by_*); the layout renders the tabs for the owner only.
  ["/metrics", "Metrics"],
] as const;

/** Section navigation of a snap's dashboard; the current section gets aria-current="page". */
export function SnapTabs({ name }: { name: string }) {
  const pathname = usePathname();
  const base = `/dashboard/snaps/${name}`;
  return (
    // The tabs wrap on phones: a sideways-scrolling strip hid Listing and Requests with no hint.
    <nav aria-label="Snap sections" className="mb-6 border-b border-gray-200">
      <ul className="flex flex-wrap gap-x-1">
        {TABS.map(([suffix, label]) => {
          const href = base + suffix;
          const current = suffix === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={label}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm ${current ? "border-brand-600 font-semibold text-gray-900" : "border-transparent text-gray-700 hover:border-gray-300 hover:text-gray-900"}`}
              >
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
