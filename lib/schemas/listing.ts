// The snap listing (store page) and its media: ONE zod schema per input, used by the dashboard's
// listing form (client validation) and by the server actions / service (lib/server/listing.ts).
import { z } from "zod";
import { MAX_DESCRIPTION, MAX_SUMMARY, MAX_TITLE, validateLicenseExpression } from "@/lib/snap/snap-yaml";
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from "@/lib/markdown-depth";
import { idParam, revisionNumber, snapNameParam } from "./fields";

/** The store's fixed category list (slug -> label). The first selected one is the primary category. */
export const LISTING_CATEGORIES = {
  development: "Development",
  productivity: "Productivity",
  utilities: "Utilities",
  games: "Games",
  education: "Education",
  science: "Science",
  "art-and-design": "Art and design",
  "books-and-reference": "Books and reference",
  "devices-and-iot": "Devices and IoT",
  entertainment: "Entertainment",
  finance: "Finance",
  "health-and-fitness": "Health and fitness",
  "music-and-audio": "Music and audio",
  "news-and-weather": "News and weather",
  personalisation: "Personalisation",
  "photo-and-video": "Photo and video",
  security: "Security",
  "server-and-cloud": "Server and cloud",
  social: "Social",
} as const;
export type ListingCategory = keyof typeof LISTING_CATEGORIES;
export const LISTING_CATEGORY_SLUGS = Object.keys(LISTING_CATEGORIES) as [ListingCategory, ...ListingCategory[]];
export const MAX_CATEGORIES = 3;

/** Media limits. */
export const ICON_MAX_BYTES = 256 * 1024;
export const SCREENSHOT_MAX_BYTES = 2 * 1024 * 1024;
export const MAX_SCREENSHOTS = 5;
export const ICON_TYPES = ["image/png", "image/svg+xml"] as const;
export const SCREENSHOT_TYPES = ["image/png", "image/jpeg"] as const;

const codePoints = (s: string) => [...s].length;
/** "" (or only spaces) -> null: an emptied field clears the value. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .refine((s) => codePoints(s) <= max, `${label} can be at most ${max} characters.`)
    .transform((s) => (s === "" ? null : s));

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
  } catch {
    return false;
  }
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const listingSchema = z.object({
  title: optionalText(MAX_TITLE, "The title"),
  summary: optionalText(MAX_SUMMARY, "The summary"),
  description: optionalText(MAX_DESCRIPTION, "The description").refine(
    (s) => s === null || markdownNestingDepth(s) <= MAX_MARKDOWN_NESTING,
    `The description nests quotes or lists more than ${MAX_MARKDOWN_NESTING} levels deep; flatten it.`,
  ),
  license: z
    .string()
    .trim()
    .superRefine((s, ctx) => {
      if (s === "") return;
      const problem = validateLicenseExpression(s);
      if (problem)
        ctx.addIssue({ code: "custom", message: `Not a valid SPDX license expression: ${problem} (e.g. "MIT", "GPL-3.0-or-later", "Apache-2.0 OR MIT").` });
    })
    .transform((s) => (s === "" ? null : s)),
  categories: z
    .array(z.enum(LISTING_CATEGORY_SLUGS, { message: "Choose categories from the list." }))
    .max(MAX_CATEGORIES, `Choose at most ${MAX_CATEGORIES} categories.`)
    .refine((a) => new Set(a).size === a.length, "Each category can be chosen once."),
  website: z
    .string()
    .trim()
    .max(500, "Keep the website under 500 characters.")
    .refine((s) => s === "" || isHttpUrl(s), "Enter a full http:// or https:// address.")
    .transform((s) => (s === "" ? null : s)),
  contact: z
    .string()
    .trim()
    .max(500, "Keep the contact under 500 characters.")
    .refine(
      (s) => s === "" || isHttpUrl(s) || (s.startsWith("mailto:") && EMAIL_RE.test(s.slice(7))),
      "Enter an http(s):// address or mailto:someone@example.com.",
    )
    .transform((s) => (s === "" ? null : s)),
});
export type ListingInput = z.input<typeof listingSchema>;
export type ListingValues = z.output<typeof listingSchema>;

/** Dashboard action: save the listing of a named snap. */
export const saveListingSchema = z.object({ name: snapNameParam, listing: listingSchema });

/** Dashboard action: safe preview of listing markdown. */
export const markdownPreviewSchema = z.object({ text: z.string().max(20_000) });

export const MEDIA_KINDS = ["icon", "screenshot"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Dashboard action (multipart): an icon or a screenshot for a named snap. */
export const mediaUploadSchema = z.object({
  name: snapNameParam,
  kind: z.enum(MEDIA_KINDS),
  file: z.instanceof(File, { message: "Choose an image file." }),
});

/** Dashboard actions: remove one image; use a revision's meta/gui icon. */
export const mediaRefSchema = z.object({ name: snapNameParam, id: idParam });
export const iconFromRevisionSchema = z.object({ name: snapNameParam, revision: revisionNumber });
