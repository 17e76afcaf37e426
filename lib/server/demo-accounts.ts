// The README lists these; the e2e suite signs in with them on the embedded default.
export const DEMO_ACCOUNTS = [
  { email: "publisher@example.com", password: "demo-publisher", role: "publisher", name: "Demo Publisher", username: "demo-publisher", validation: "verified" },
  { email: "reviewer@example.com", password: "demo-reviewer", role: "reviewer", name: "Riley Reviewer" },
  { email: "reviewer2@example.com", password: "demo-reviewer", role: "reviewer", name: "Robin Reviewer" },
  { email: "admin@example.com", password: "demo-admin", role: "admin", name: "Ada Admin", username: "store-admin" },
  { email: "user@example.com", password: "demo-user", role: "user", name: "Uma User" },
] as const;
