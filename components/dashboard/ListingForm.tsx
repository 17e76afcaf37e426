"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { MAX_DESCRIPTION, MAX_SUMMARY, MAX_TITLE } from "@/lib/snap/snap-yaml";
import { previewMarkdown, saveListing } from "@/lib/actions/listing";
import { LISTING_CATEGORIES, LISTING_CATEGORY_SLUGS, MAX_CATEGORIES, listingSchema, type ListingInput, type ListingCategory } from "@/lib/schemas/listing";

type Values = { title: string; summary: string; description: string; license: string; categories: string[]; website: string; contact: string };

function errorsOf(issues: { path: PropertyKey[]; message: string }[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const i of issues) (out[String(i.path[0] ?? "_")] ??= []).push(i.message);
  return out;
}

const described = (id: string, errors: Record<string, string[]>, hint = true) =>
  [hint ? `${id}-hint` : null, errors[id.replace("listing-", "")]?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

/** Listing editor: validated with the shared listing schema before the server action validates again. */
export function ListingForm({ name, initial }: { name: string; initial: Values }) {
  const router = useRouter();
  const [v, setV] = useState<Values>(initial);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const [preview, setPreview] = useState<string | null>(null);

  const set = <K extends keyof Values>(k: K, val: Values[K]) => {
    setV((cur) => ({ ...cur, [k]: val }));
    if (errors[k]) setErrors((e) => ({ ...e, [k]: [] }));
  };

  async function showPreview() {
    setTab("preview");
    setPreview(null);
    const r = await previewMarkdown({ text: v.description });
    setPreview(r.ok ? r.data.html : `<p>${r.message}</p>`);
  }

  async function onSubmit(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const input: ListingInput = { ...v, categories: v.categories as ListingCategory[] };
    const parsed = listingSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues));
      setMessage({ kind: "error", text: "Please correct the highlighted fields." });
      return;
    }
    setPending(true);
    const r = await saveListing({ name, listing: input });
    setPending(false);
    if (!r.ok) {
      const fe: Record<string, string[]> = {};
      for (const [k, msgs] of Object.entries(r.fieldErrors ?? {})) fe[k.replace(/^listing\./, "").split(".")[0]] = msgs;
      setErrors(fe);
      setMessage({ kind: "error", text: r.message });
      return;
    }
    setErrors({});
    setMessage({ kind: "success", text: r.data.changed.length ? `Listing saved (${r.data.changed.join(", ")}).` : "No changes to save." });
    router.refresh();
  }

  const count = (s: string) => [...s].length;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Listing">
      <div aria-live="polite">{message ? <Alert kind={message.kind}>{message.text}</Alert> : null}</div>
      <Field
        label="Title"
        id="listing-title"
        error={errors.title}
        hint={<span id="listing-title-hint">{`${count(v.title)}/${MAX_TITLE} characters; the name is shown when empty.`}</span>}
      >
        <input
          id="listing-title"
          value={v.title}
          onChange={(e) => set("title", e.target.value)}
          className={inputClass}
          aria-invalid={errors.title?.length ? true : undefined}
          aria-describedby={described("listing-title", errors)}
        />
      </Field>
      <Field
        label="Summary"
        id="listing-summary"
        error={errors.summary}
        hint={<span id="listing-summary-hint">{`${count(v.summary)}/${MAX_SUMMARY} characters.`}</span>}
      >
        <input
          id="listing-summary"
          value={v.summary}
          onChange={(e) => set("summary", e.target.value)}
          className={inputClass}
          aria-invalid={errors.summary?.length ? true : undefined}
          aria-describedby={described("listing-summary", errors)}
        />
      </Field>

      <div className="mb-4">
        <div className="mb-1 flex flex-wrap items-center justify-between gap-2">
          <label htmlFor="listing-description" className="block text-sm font-medium text-gray-800">
            Description
          </label>
          <div role="group" aria-label="Description view" className="flex gap-1">
            <Button type="button" variant="secondary" className="px-2 py-1 text-xs" aria-pressed={tab === "write"} onClick={() => setTab("write")}>
              Write
            </Button>
            <Button type="button" variant="secondary" className="px-2 py-1 text-xs" aria-pressed={tab === "preview"} onClick={showPreview}>
              Preview
            </Button>
          </div>
        </div>
        <textarea
          id="listing-description"
          value={v.description}
          onChange={(e) => set("description", e.target.value)}
          rows={10}
          hidden={tab !== "write"}
          className={`${inputClass} font-mono text-sm`}
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={described("listing-description", errors)}
        />
        {tab === "preview" ? (
          <section
            aria-label="Description preview"
            className="prose-snap min-h-24 rounded-md border border-gray-300 bg-gray-50 p-3"
            data-testid="description-preview"
          >
            {preview === null ? (
              <p className="text-gray-600">Rendering…</p>
            ) : (
              <div dangerouslySetInnerHTML={{ __html: preview || "<p><em>(empty)</em></p>" }} />
            )}
          </section>
        ) : null}
        <p id="listing-description-hint" className="mt-1 text-xs text-gray-600">
          Markdown (no raw HTML). {count(v.description)}/{MAX_DESCRIPTION} characters.
        </p>
        {errors.description?.length ? (
          <p id="listing-description-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.description.join(" ")}
          </p>
        ) : null}
      </div>

      <Field
        label="License"
        id="listing-license"
        error={errors.license}
        hint={<span id="listing-license-hint">An SPDX expression, e.g. MIT, GPL-3.0-or-later, Apache-2.0 OR MIT.</span>}
      >
        <input
          id="listing-license"
          value={v.license}
          onChange={(e) => set("license", e.target.value)}
          className={`${inputClass} font-mono`}
          aria-invalid={errors.license?.length ? true : undefined}
          aria-describedby={described("listing-license", errors)}
        />
      </Field>

      <fieldset
        className="mb-4"
        aria-describedby={["listing-categories-hint", errors.categories?.length ? "listing-categories-error" : null].filter(Boolean).join(" ")}
      >
        <legend className="mb-1 text-sm font-medium text-gray-800">Categories</legend>
        <p id="listing-categories-hint" className="mb-2 text-xs text-gray-600">
          Up to {MAX_CATEGORIES}; the first one you pick is the primary category
          {v.categories[0] ? ` (now: ${LISTING_CATEGORIES[v.categories[0] as ListingCategory] ?? v.categories[0]})` : ""}.
        </p>
        <div className="grid grid-cols-1 gap-1 sm:grid-cols-2 md:grid-cols-3">
          {LISTING_CATEGORY_SLUGS.map((slug) => (
            <label key={slug} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={v.categories.includes(slug)}
                onChange={(e) => set("categories", e.target.checked ? [...v.categories, slug] : v.categories.filter((c) => c !== slug))}
              />
              {LISTING_CATEGORIES[slug]}
            </label>
          ))}
        </div>
        {errors.categories?.length ? (
          <p id="listing-categories-error" role="alert" className="mt-1 text-sm text-red-700">
            {errors.categories.join(" ")}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Website" id="listing-website" error={errors.website} hint={<span id="listing-website-hint">https://…</span>}>
          <input
            id="listing-website"
            type="url"
            value={v.website}
            onChange={(e) => set("website", e.target.value)}
            className={inputClass}
            aria-invalid={errors.website?.length ? true : undefined}
            aria-describedby={described("listing-website", errors)}
          />
        </Field>
        <Field label="Contact" id="listing-contact" error={errors.contact} hint={<span id="listing-contact-hint">A URL or mailto:you@example.com</span>}>
          <input
            id="listing-contact"
            value={v.contact}
            onChange={(e) => set("contact", e.target.value)}
            className={inputClass}
            aria-invalid={errors.contact?.length ? true : undefined}
            aria-describedby={described("listing-contact", errors)}
          />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save listing"}
      </Button>
    </form>
  );
}
