// Expected, typed failures that services raise and that the route/action wrappers turn into a
// clear message with a fitting HTTP status. Anything else is a bug: logged, never shown.
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

export const unauthenticated = (message = "Sign in to do this.") => new AppError("unauthorized", message, 401);
export const forbiddenError = (message = "You are not allowed to do this.") => new AppError("forbidden", message, 403);
export const notFoundError = (code: string, message: string) => new AppError(code, message, 404);
export const conflict = (code: string, message: string) => new AppError(code, message, 409);
