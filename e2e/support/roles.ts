// One account per role, created before the run through the admin CLI (works on both databases).
export const ROLE_ACCOUNTS = {
  user: { email: "e2e-user@example.com", password: "e2e-password-user", role: "user" },
  publisher: { email: "e2e-publisher@example.com", password: "e2e-password-publisher", role: "publisher", username: "e2e-publisher" },
  publisher2: { email: "e2e-publisher2@example.com", password: "e2e-password-publisher2", role: "publisher", username: "e2e-publisher-two" },
  reviewer: { email: "e2e-reviewer@example.com", password: "e2e-password-reviewer", role: "reviewer" },
  // A second reviewer: a request passes with two votes in favour (e2e/ui/review-queue.spec.ts).
  reviewer2: { email: "e2e-reviewer2@example.com", password: "e2e-password-reviewer2", role: "reviewer" },
  admin: { email: "e2e-admin@example.com", password: "e2e-password-admin", role: "admin" },
} as const;

export type RoleName = keyof typeof ROLE_ACCOUNTS;

export const storageStatePath = (role: RoleName) => `e2e/.auth/${role}.json`;
