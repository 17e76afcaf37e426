// Small presentational building blocks shared by every page. No data access here.
import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-gray-900">{title}</h1>
        {description ? <p className="mt-1 text-gray-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-gray-200 bg-white p-5 shadow-sm ${className}`}>{children}</section>;
}

const buttonStyles = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:opacity-60",
  secondary: "border border-gray-300 bg-white text-gray-900 hover:bg-gray-50 disabled:opacity-60",
  danger: "bg-red-700 text-white hover:bg-red-800 disabled:opacity-60",
} as const;

export function Button({ variant = "primary", className = "", ...props }: ComponentProps<"button"> & { variant?: keyof typeof buttonStyles }) {
  return (
    <button className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${buttonStyles[variant]} ${className}`} {...props} />
  );
}

export function LinkButton({ variant = "primary", className = "", ...props }: ComponentProps<typeof Link> & { variant?: keyof typeof buttonStyles }) {
  return (
    <Link className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${buttonStyles[variant]} ${className}`} {...props} />
  );
}

export function Field({ label, id, error, hint, children }: { label: string; id: string; error?: string[] | string; hint?: ReactNode; children: ReactNode }) {
  const errors = typeof error === "string" ? [error] : error;
  return (
    <div className="mb-4">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-gray-800">
        {label}
      </label>
      {children}
      {hint ? <p className="mt-1 text-xs text-gray-600">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export const inputClass =
  "block w-full rounded-md border border-gray-300 px-3 py-2 text-gray-900 shadow-sm focus:border-blue-600 focus:ring-1 focus:ring-blue-600";

export function Alert({ kind = "error", children }: { kind?: "error" | "info" | "success" | "warning"; children: ReactNode }) {
  const styles = {
    error: "border-red-300 bg-red-50 text-red-900",
    info: "border-blue-300 bg-blue-50 text-blue-900",
    success: "border-green-300 bg-green-50 text-green-900",
    warning: "border-amber-300 bg-amber-50 text-amber-900",
  }[kind];
  return (
    <div role={kind === "error" ? "alert" : "status"} className={`mb-4 rounded-md border px-4 py-3 text-sm ${styles}`}>
      {children}
    </div>
  );
}

export function Badge({ children, tone = "gray" }: { children: ReactNode; tone?: "gray" | "green" | "amber" | "red" | "blue" }) {
  const styles = {
    gray: "bg-gray-100 text-gray-800",
    green: "bg-green-100 text-green-900",
    amber: "bg-amber-100 text-amber-900",
    red: "bg-red-100 text-red-900",
    blue: "bg-blue-100 text-blue-900",
  }[tone];
  return <span className={`inline-flex items-center rounded px-2 py-0.5 text-xs font-medium ${styles}`}>{children}</span>;
}

/**
 * Previous / position / next links of a paged list (search results, the review queue, the audit
 * log, accounts). `href(n)` is page n's URL with the list's filters. A single page shows nothing,
 * unless `always` (the review queue's position line also counts its items).
 */
export function Pager({
  label,
  page,
  pages,
  href,
  previous = "← Previous",
  next = "Next →",
  children,
  always = false,
}: {
  label: string;
  page: number;
  pages: number;
  href: (page: number) => string;
  previous?: string;
  next?: string;
  /** Between the links, e.g. "Page 2 of 5". */
  children?: ReactNode;
  always?: boolean;
}) {
  if (pages <= 1 && !always) return null;
  return (
    <nav aria-label={label} className="mt-3 flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="text-blue-800 underline">
          {previous}
        </Link>
      ) : null}
      {children}
      {page < pages ? (
        <Link href={href(page + 1)} className="text-blue-800 underline">
          {next}
        </Link>
      ) : null}
    </nav>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="rounded-md border border-dashed border-gray-300 p-6 text-center text-gray-600">{children}</p>;
}

/**
 * A table in a labelled, keyboard-scrollable region (narrow screens scroll it sideways). Columns
 * are header labels; a column given as `{ label, hidden: true }` is announced but not shown.
 */
/** Shown above a table that scrolls inside its region on narrow screens (hidden from sm up, where it fits). */
export function ScrollHint() {
  return (
    <p className="mb-1 text-xs text-gray-500 sm:hidden" aria-hidden="true">
      Scroll sideways for more columns →
    </p>
  );
}

export function DataTable({
  label,
  columns,
  minWidth = "40rem",
  pad = "p-3",
  children,
}: {
  label: string;
  columns: (string | { label: string; hidden: true })[];
  minWidth?: string;
  pad?: string;
  children: ReactNode;
}) {
  return (
    <>
      <ScrollHint />
      {/* `relative`: the sr-only header cells are absolutely positioned; without a positioned ancestor
          inside the scroll box they escape it and widen the page on phones. */}
      <div role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm">
        <table className="w-full text-left text-sm" style={{ minWidth }}>
          <thead>
            <tr className="text-gray-600">
              {columns.map((c) =>
                typeof c === "string" ? (
                  <th key={c} scope="col" className={pad}>
                    {c}
                  </th>
                ) : (
                  <th key={c.label} scope="col" className={pad}>
                    <span className="sr-only">{c.label}</span>
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}

/**
 * An inline confirmation for an action that is hard to undo (closing a channel, withdrawing a
 * revision): says what will happen and offers the action again and Cancel (focused first).
 */
export function ConfirmBox({
  id,
  title,
  children,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  id: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <p id={`${id}-title`} className="font-semibold">
        {title}
      </p>
      <div id={`${id}-body`} className="mt-1">
        {children}
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button type="button" variant="secondary" autoFocus onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
