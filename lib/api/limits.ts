// PURE: request size limits shared by next.config.ts (Next's own server-action limit), the proxy
// (which answers 413 with a clear message before Next reads the body) and the forms.

/** Server actions carry forms and listing images (screenshots up to 2 MB, as base64/multipart). */
export const SERVER_ACTION_BODY_LIMIT_MB = 4;
export const SERVER_ACTION_BODY_LIMIT = SERVER_ACTION_BODY_LIMIT_MB * 1024 * 1024;
