"use server";
// Server actions of a snap's dashboard. Each one is authedAction (role checked on the server, input
// parsed with the shared zod schema) and calls the owning service, which checks ownership itself.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { closeChannelsSchema, releaseSchema } from "@/lib/schemas/releases";
import { commentSchema, createRequestSchema } from "@/lib/schemas/requests";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/markdown";
import { authedAction } from "@/lib/server/action";
import { addMedia, getRevisionDetails, listingSchema, removeMedia, updateListing, useIconFromRevision } from "@/lib/server/dashboard";
import { closeChannels, releaseRevision } from "@/lib/server/releases";
import { addComment, createRequest } from "@/lib/server/requests";
import { withdrawRevision } from "@/lib/server/uploads";
import { CLASSIC_ACKNOWLEDGEMENTS } from "@/lib/schemas/requests";

const ROLES = ["publisher"] as const;
const snapName = z.string().trim().min(1).max(64);
const revisionNumber = z.number().int().positive();
const base = (name: string) => `/dashboard/snaps/${name}`;

export const revisionDetails = authedAction({ roles: ROLES, schema: z.object({ name: snapName, revision: revisionNumber }) }, (input, user) =>
  getRevisionDetails(getDb(), user, input.name, input.revision),
);

export const withdraw = authedAction({ roles: ROLES, schema: z.object({ name: snapName, revision: revisionNumber }) }, async (input, user) => {
  const r = await withdrawRevision(getDb(), user, input.name, input.revision);
  revalidatePath(base(input.name), "layout");
  return r;
});

export const release = authedAction({ roles: ROLES, schema: z.object({ name: snapName, input: releaseSchema }) }, async ({ name, input }, user) => {
  const r = await releaseRevision(getDb(), user, name, input);
  revalidatePath(base(name), "layout");
  return { released: r.released };
});

export const close = authedAction({ roles: ROLES, schema: z.object({ name: snapName, input: closeChannelsSchema }) }, async ({ name, input }, user) => {
  const r = await closeChannels(getDb(), user, name, input);
  revalidatePath(base(name), "layout");
  return { closed: r.closed };
});

export const saveListing = authedAction({ roles: ROLES, schema: z.object({ name: snapName, listing: listingSchema }) }, async ({ name, listing }, user) => {
  const r = await updateListing(getDb(), user, name, listing);
  revalidatePath(base(name), "layout");
  revalidatePath(`/snaps/${name}`);
  return r;
});

/** Safe preview of listing markdown: the exact renderer of the public page. */
export const previewMarkdown = authedAction({ roles: ROLES, schema: z.object({ text: z.string().max(20_000) }) }, async ({ text }) => ({
  html: renderMarkdown(text),
}));

const mediaUploadSchema = z.object({
  name: snapName,
  kind: z.enum(["icon", "screenshot"]),
  file: z.instanceof(File, { message: "Choose an image file." }),
});

const uploadMediaAction = authedAction({ roles: ROLES, schema: mediaUploadSchema }, async ({ name, kind, file }, user) => {
  const m = await addMedia(getDb(), user, name, kind, file);
  revalidatePath(base(name), "layout");
  revalidatePath(`/snaps/${name}`);
  return m;
});

/** Multipart form (the image travels as a File). */
export async function uploadMedia(form: FormData) {
  return uploadMediaAction({ name: form.get("name"), kind: form.get("kind"), file: form.get("file") });
}

export const deleteMedia = authedAction({ roles: ROLES, schema: z.object({ name: snapName, id: z.string().min(1).max(64) }) }, async ({ name, id }, user) => {
  await removeMedia(getDb(), user, name, id);
  revalidatePath(base(name), "layout");
  revalidatePath(`/snaps/${name}`);
  return { removed: id };
});

export const iconFromRevision = authedAction({ roles: ROLES, schema: z.object({ name: snapName, revision: revisionNumber }) }, async ({ name, revision }, user) => {
  const m = await useIconFromRevision(getDb(), user, name, revision);
  revalidatePath(base(name), "layout");
  revalidatePath(`/snaps/${name}`);
  return m;
});

export const fileRequest = authedAction({ roles: ROLES, schema: z.object({ name: snapName, request: createRequestSchema }) }, async ({ name, request }, user) => {
  if (request.type === "classic") {
    const acks = new Set(request.acknowledgements ?? []);
    const missing = CLASSIC_ACKNOWLEDGEMENTS.filter((a) => !acks.has(a.id));
    if (missing.length) throw new AppError("acknowledgements-missing", `Confirm every statement before filing a classic request (missing: ${missing.map((m) => m.label).join("; ")}).`);
  }
  const r = await createRequest(getDb(), user, name, request);
  revalidatePath(base(name), "layout");
  return { id: r.id, type: r.type, status: r.status };
});

export const comment = authedAction(
  { roles: ROLES, schema: z.object({ name: snapName, requestId: z.string().min(1).max(64), comment: commentSchema }) },
  async ({ name, requestId, comment }, user) => {
    const c = await addComment(getDb(), user, requestId, comment);
    revalidatePath(`${base(name)}/requests`);
    return { id: c.id };
  },
);
