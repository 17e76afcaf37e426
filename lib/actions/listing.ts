"use server";
// Dashboard: the listing (store page) and its images.
import { revalidatePath } from "next/cache";
import { renderMarkdown } from "@/lib/markdown";
import { iconFromRevisionSchema, markdownPreviewSchema, mediaRefSchema, mediaUploadSchema, saveListingSchema } from "@/lib/schemas/listing";
import { addMedia, removeMedia, updateListing, useIconFromRevision } from "@/lib/server/listing";
import { authedAction } from "./authed";
import { publicSnapPath, snapDashboardPath } from "./paths";

/** The dashboard and the public page both show the listing. */
function listingChanged(name: string) {
  revalidatePath(snapDashboardPath(name), "layout");
  revalidatePath(publicSnapPath(name));
}

export const saveListing = authedAction({ roles: ["publisher"], schema: saveListingSchema }, async ({ name, listing }, user, db) => {
  const r = await updateListing(db, user, name, listing);
  listingChanged(name);
  return r;
});

/** Safe preview of listing markdown: the exact renderer of the public page. */
export const previewMarkdown = authedAction({ roles: ["publisher"], schema: markdownPreviewSchema }, async ({ text }) => ({
  html: renderMarkdown(text),
}));

const uploadMediaAction = authedAction({ roles: ["publisher"], schema: mediaUploadSchema }, async ({ name, kind, file }, user, db) => {
  const m = await addMedia(db, user, name, kind, file);
  listingChanged(name);
  return m;
});

/** Multipart form (the image travels as a File). */
export async function uploadMedia(form: FormData) {
  return uploadMediaAction({ name: form.get("name"), kind: form.get("kind"), file: form.get("file") });
}

export const deleteMedia = authedAction({ roles: ["publisher"], schema: mediaRefSchema }, async ({ name, id }, user, db) => {
  await removeMedia(db, user, name, id);
  listingChanged(name);
  return { removed: id };
});

export const iconFromRevision = authedAction({ roles: ["publisher"], schema: iconFromRevisionSchema }, async ({ name, revision }, user, db) => {
  const m = await useIconFromRevision(db, user, name, revision);
  listingChanged(name);
  return m;
});
