// Expected, typed failures that services raise and that the route/action wrappers turn into a
// clear message with a fitting HTTP status. Anything else is a bug: logged, never shown.
// Build them with `refusal(code, facts)` from lib/server/explain.ts (the table of every refusal),
// never directly, so each refusal has one code, one status and one wording.
export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
