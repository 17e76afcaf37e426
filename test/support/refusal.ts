// The one way a test expects a refusal: the promise rejects with an AppError (lib/server/explain.ts),
// whose code (and status, message) the test then checks.
import { expect } from "vitest";
import { AppError } from "@/lib/errors";

export async function refused(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

export const codeOf = async (p: Promise<unknown>): Promise<string> => (await refused(p)).code;
